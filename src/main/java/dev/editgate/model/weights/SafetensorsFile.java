package dev.editgate.model.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * One safetensors file, opened for positional reads.
 *
 * <p>The header is validated on {@link #open}: its length, JSON syntax, each tensor's dtype, shape
 * and data offsets, and that no two tensors overlap. Data is read with positional {@link
 * FileChannel} reads, never by mapping the whole file, so files larger than 2 GiB work. Instances
 * are safe for concurrent reads.
 */
public final class SafetensorsFile implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws CheckpointException when the file is missing, unreadable or malformed
     */
    public static SafetensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot open safetensors file (" + e + ")", e);
        }
        try {
            long size = channel.size();
            SafetensorsHeader.checkHeaderLength(file, size, 0);
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            TensorReads.readFully(channel, lengthBytes, 0, file, "header length");
            long headerLength = lengthBytes.getLong(0);
            SafetensorsHeader.checkHeaderLength(file, size, headerLength);
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            TensorReads.readFully(channel, headerBytes, 8, file, "header");
            long dataStart = 8 + headerLength;
            SafetensorsHeader header =
                    SafetensorsHeader.parse(file, headerBytes.array(), dataStart, size - dataStart);
            return new SafetensorsFile(file, channel, header);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(file + ": cannot read safetensors header (" + e + ")", e);
        }
    }

    /** The file this was opened from. */
    public Path file() {
        return file;
    }

    /** All tensors, in order of their data offset. */
    public Map<String, TensorInfo> tensors() {
        return header.tensors;
    }

    /** The string entries of {@code __metadata__} (empty when there is none). */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    /** The tensor named {@code name}, or a {@link CheckpointException} naming the file. */
    public TensorInfo tensor(String name) {
        TensorInfo info = header.tensors.get(name);
        if (info == null) {
            throw new CheckpointException(
                    file
                            + ": no tensor '"
                            + name
                            + "' among "
                            + header.tensors.size()
                            + " tensors");
        }
        return info;
    }

    /**
     * Converts a floating-point tensor (F32, F16, BF16, F64) to little-endian float32 and writes it
     * at {@code dest}'s position, advancing the position by 4 bytes per element.
     */
    public void readAsFloat32(String name, ByteBuffer dest) {
        TensorReads.readAsFloat32(channel, tensor(name), dest);
    }

    /** A floating-point tensor as a float array, row-major. */
    public float[] readFloats(String name) {
        return TensorReads.readFloats(channel, tensor(name));
    }

    /** An integer tensor (I64, I32, I16, I8, U8, BOOL) widened to a long array, row-major. */
    public long[] readLongs(String name) {
        return TensorReads.readLongs(channel, tensor(name));
    }

    /** The tensor's bytes as stored, in a new little-endian buffer positioned at 0. */
    public ByteBuffer readRaw(String name) {
        return TensorReads.readRaw(channel, tensor(name));
    }

    /** Sum of all tensors' byte lengths. */
    public long totalBytes() {
        long total = 0;
        for (TensorInfo t : header.tensors.values()) {
            total += t.byteLength();
        }
        return total;
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
