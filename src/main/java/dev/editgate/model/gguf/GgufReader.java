package dev.editgate.model.gguf;

import dev.editgate.model.weights.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sequential little-endian reads of a GGUF header through a small window, each checked against the
 * file size before any allocation, so hostile lengths fail with a message instead of an {@link
 * OutOfMemoryError}.
 */
final class GgufReader {

    private static final int WINDOW = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private long position;

    /** What is being read, for error messages ("metadata key 'x'"). */
    private String context = "header";

    GgufReader(Path file, FileChannel channel, long fileSize) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        window.limit(0);
    }

    void context(String what) {
        this.context = what;
    }

    String context() {
        return context;
    }

    long position() {
        return position;
    }

    long remaining() {
        return fileSize - position;
    }

    Path file() {
        return file;
    }

    CheckpointException error(String problem) {
        return new CheckpointException(
                file + ": " + context + " at byte " + position + ": " + problem);
    }

    /** Fails unless {@code n} more bytes exist in the file. */
    void require(long n, String what) {
        if (n < 0 || n > remaining()) {
            throw error(
                    what
                            + " needs "
                            + (n < 0 ? Long.toUnsignedString(n) : n)
                            + " bytes but only "
                            + remaining()
                            + " remain in the "
                            + fileSize
                            + "-byte file");
        }
    }

    private void fill(int n) {
        require(n, "value");
        long offsetInWindow = position - windowStart;
        if (offsetInWindow >= 0 && offsetInWindow + n <= window.limit()) {
            window.position((int) offsetInWindow);
            return;
        }
        window.clear();
        int want = (int) Math.min(WINDOW, fileSize - position);
        window.limit(want);
        try {
            while (window.hasRemaining()) {
                if (channel.read(window, position + window.position()) < 0) {
                    throw error("file ended early (was it changed while reading?)");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read " + context + " (" + e + ")", e);
        }
        windowStart = position;
        window.position(0);
    }

    int u8() {
        fill(1);
        position += 1;
        return window.get() & 0xff;
    }

    short i16() {
        fill(2);
        position += 2;
        return window.getShort();
    }

    int i32() {
        fill(4);
        position += 4;
        return window.getInt();
    }

    long u32() {
        return i32() & 0xffffffffL;
    }

    long i64() {
        fill(8);
        position += 8;
        return window.getLong();
    }

    float f32() {
        return Float.intBitsToFloat(i32());
    }

    double f64() {
        return Double.longBitsToDouble(i64());
    }

    /** A GGUF string: uint64 length then UTF-8 bytes. */
    String string(String what) {
        long length = i64();
        require(length, what + " of declared length " + Long.toUnsignedString(length));
        if (length > Integer.MAX_VALUE - 8) {
            throw error(
                    what
                            + " length "
                            + length
                            + " exceeds the accepted maximum "
                            + (Integer.MAX_VALUE - 8));
        }
        int n = (int) length;
        if (n <= WINDOW) {
            fill(n);
            String s = new String(window.array(), window.position(), n, StandardCharsets.UTF_8);
            position += n;
            return s;
        }
        ByteBuffer big = ByteBuffer.allocate(n);
        try {
            while (big.hasRemaining()) {
                if (channel.read(big, position + big.position()) < 0) {
                    throw error("file ended early");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read " + context + " (" + e + ")", e);
        }
        position += n;
        return new String(big.array(), StandardCharsets.UTF_8);
    }

    /** Moves forward to the next multiple of {@code alignment}. */
    void align(long alignment) {
        long aligned = (position + alignment - 1) / alignment * alignment;
        position = aligned;
    }
}
