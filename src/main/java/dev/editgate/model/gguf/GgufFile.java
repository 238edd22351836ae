package dev.editgate.model.gguf;

import dev.editgate.model.weights.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A GGUF file (llama.cpp's format, versions 2 and 3), opened for positional reads.
 *
 * <p>{@link #open} validates the header before anything is allocated from it: magic and version,
 * counts and string lengths against the file size, value and ggml types, tensor dimensions,
 * alignment of data offsets and that each tensor's data lies inside the file. Tensors are read raw
 * or dequantised to float32 (bit-exact with llama.cpp's {@code dequantize_row_*}).
 */
public final class GgufFile implements AutoCloseable {

    /** Blocks dequantised per read, so large tensors need no second full-size buffer. */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Path file;
    private final FileChannel channel;
    private final GgufHeader header;

    private GgufFile(Path file, FileChannel channel, GgufHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens and validates a GGUF file.
     *
     * @throws CheckpointException when the file is missing, unreadable or malformed
     */
    public static GgufFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot open GGUF file (" + e + ")", e);
        }
        try {
            long size = channel.size();
            GgufHeader header = GgufHeader.parse(new GgufReader(file, channel, size), size);
            return new GgufFile(file, channel, header);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(file + ": cannot read GGUF header (" + e + ")", e);
        }
    }

    /** The file this was opened from. */
    public Path file() {
        return file;
    }

    /** The format version (2 or 3). */
    public int version() {
        return header.version;
    }

    /** Alignment of tensor data ({@code general.alignment}, default 32). */
    public long alignment() {
        return header.alignment;
    }

    /** Absolute offset of the data section. */
    public long dataStart() {
        return header.dataStart;
    }

    /** The key/value metadata. */
    public GgufMetadata metadata() {
        return header.metadata;
    }

    /** All tensors, in the order of the file's tensor infos. */
    public Map<String, GgufTensorInfo> tensors() {
        return header.tensors;
    }

    /** The tensor named {@code name}, or a {@link CheckpointException}. */
    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo t = header.tensors.get(name);
        if (t == null) {
            throw new CheckpointException(
                    file
                            + ": no tensor '"
                            + name
                            + "' among "
                            + header.tensors.size()
                            + " tensors");
        }
        return t;
    }

    /** The tensor's bytes as stored, little-endian, positioned at 0. */
    public ByteBuffer readRaw(String name) {
        GgufTensorInfo t = tensor(name);
        if (t.byteLength() > MAX_ARRAY) {
            throw new CheckpointException(
                    file
                            + ": tensor '"
                            + name
                            + "' has "
                            + t.byteLength()
                            + " bytes, more than one Java buffer holds ("
                            + MAX_ARRAY
                            + ")");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) t.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        read(t, buf, t.dataOffset());
        buf.flip();
        return buf;
    }

    /**
     * The tensor dequantised to float32, in ggml order, which is row-major over {@link
     * GgufTensorInfo#shape()}.
     */
    public float[] readFloats(String name) {
        GgufTensorInfo t = tensor(name);
        if (t.elementCount() > MAX_ARRAY / 4) {
            throw new CheckpointException(
                    file
                            + ": tensor '"
                            + name
                            + "' has "
                            + t.elementCount()
                            + " elements; as float32 that is more than one Java array holds");
        }
        float[] out = new float[(int) t.elementCount()];
        dequantizeInto(t, out);
        return out;
    }

    /**
     * Dequantises the tensor and writes little-endian float32 at {@code dest}'s position, advancing
     * it by 4 bytes per element.
     */
    public void readAsFloat32(String name, ByteBuffer dest) {
        GgufTensorInfo t = tensor(name);
        long needed = t.elementCount() * 4;
        if (dest.remaining() < needed) {
            throw new CheckpointException(
                    file
                            + ": tensor '"
                            + name
                            + "' needs "
                            + needed
                            + " bytes as float32 but the destination has "
                            + dest.remaining()
                            + " remaining");
        }
        FloatBuffer out = dest.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        dequantize(t, (values, offset, count) -> out.put(values, 0, count));
        dest.position(dest.position() + (int) needed);
    }

    /** Receives dequantised values chunk by chunk, in order. */
    private interface Sink {
        void accept(float[] values, long offset, int count);
    }

    private void dequantizeInto(GgufTensorInfo t, float[] out) {
        dequantize(
                t,
                (values, offset, count) -> System.arraycopy(values, 0, out, (int) offset, count));
    }

    private void dequantize(GgufTensorInfo t, Sink sink) {
        GgmlType type = t.type();
        if (!type.canDequantize()) {
            throw new CheckpointException(
                    file
                            + ": tensor '"
                            + t.name()
                            + "' is "
                            + type
                            + ", which cannot be dequantised; accepted: "
                            + GgmlType.dequantizableTypes());
        }
        int blockBytes = type.bytesPerBlock();
        int blocksPerChunk = Math.max(1, CHUNK_BYTES / blockBytes);
        long totalBlocks = t.byteLength() / blockBytes;
        ByteBuffer chunk =
                ByteBuffer.allocate(blocksPerChunk * blockBytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[blocksPerChunk * type.blockSize()];
        long block = 0;
        while (block < totalBlocks) {
            int n = (int) Math.min(blocksPerChunk, totalBlocks - block);
            chunk.clear().limit(n * blockBytes);
            read(t, chunk, t.dataOffset() + block * blockBytes);
            GgmlDequantizer.dequantize(type, chunk, 0, n, values, 0);
            sink.accept(values, block * type.blockSize(), n * type.blockSize());
            block += n;
        }
    }

    private void read(GgufTensorInfo t, ByteBuffer dst, long position) {
        long pos = position;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    throw new CheckpointException(
                            file
                                    + ": file ended at byte "
                                    + pos
                                    + " while reading tensor '"
                                    + t.name()
                                    + "'; it changed after opening");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new CheckpointException(
                    file + ": cannot read tensor '" + t.name() + "' (" + e + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot close (" + e + ")", e);
        }
    }
}
