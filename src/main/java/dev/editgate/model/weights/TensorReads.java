package dev.editgate.model.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Positional reads and dtype conversion for validated tensors. */
final class TensorReads {

    /** Bytes read per chunk while converting, so no tensor needs a second full-size copy. */
    private static final int CHUNK = 1 << 20;

    /** Largest array or buffer Java can allocate safely. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private TensorReads() {}

    static void readFully(FileChannel ch, ByteBuffer dst, long position, Path file, String what)
            throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new CheckpointException(
                        file
                                + ": file ended at byte "
                                + pos
                                + " while reading "
                                + what
                                + "; it was truncated or changed after it was opened");
            }
            pos += n;
        }
    }

    static ByteBuffer readRaw(FileChannel ch, TensorInfo t) {
        if (t.byteLength() > MAX_ARRAY) {
            throw new CheckpointException(
                    t.file()
                            + ": tensor '"
                            + t.name()
                            + "' has "
                            + t.byteLength()
                            + " bytes, more than one Java buffer holds ("
                            + MAX_ARRAY
                            + "); accepted: read it with readAsFloat32 in parts, or shard the checkpoint");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) t.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        read(ch, buf, t.dataOffset(), t);
        buf.flip();
        return buf;
    }

    static float[] readFloats(FileChannel ch, TensorInfo t) {
        long n = t.elementCount();
        if (n * 4 > MAX_ARRAY) {
            throw new CheckpointException(
                    t.file()
                            + ": tensor '"
                            + t.name()
                            + "' has "
                            + n
                            + " elements; as float32 that is more than one Java buffer holds ("
                            + MAX_ARRAY
                            + " bytes)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
        readAsFloat32(ch, t, out);
        out.flip();
        float[] values = new float[(int) n];
        out.asFloatBuffer().get(values);
        return values;
    }

    static void readAsFloat32(FileChannel ch, TensorInfo t, ByteBuffer dest) {
        if (!t.dtype().isFloatingPoint()) {
            throw new CheckpointException(
                    t.file()
                            + ": tensor '"
                            + t.name()
                            + "' is "
                            + t.dtype()
                            + "; readAsFloat32 accepts F32, F16, BF16, F64 (use readLongs for integers)");
        }
        long needed = t.elementCount() * 4;
        if (dest.remaining() < needed) {
            throw new CheckpointException(
                    t.file()
                            + ": tensor '"
                            + t.name()
                            + "' needs "
                            + needed
                            + " bytes as float32 but the destination buffer has "
                            + dest.remaining()
                            + " remaining");
        }
        ByteBuffer out = dest.slice().order(ByteOrder.LITTLE_ENDIAN);
        int elemSize = t.dtype().byteSize();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long done = 0;
        while (done < t.byteLength()) {
            int len = (int) Math.min(CHUNK, t.byteLength() - done);
            chunk.clear().limit(len);
            read(ch, chunk, t.dataOffset() + done, t);
            chunk.flip();
            switch (t.dtype()) {
                case F32 -> out.asFloatBuffer().put(chunk.asFloatBuffer());
                case F16 -> {
                    for (int i = 0; i < len; i += 2) {
                        out.putFloat(i * 2, HalfPrecision.halfToFloat(chunk.getShort(i)));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < len; i += 2) {
                        out.putFloat(i * 2, HalfPrecision.bf16ToFloat(chunk.getShort(i)));
                    }
                }
                case F64 -> {
                    for (int i = 0; i < len; i += 8) {
                        out.putFloat(i / 2, (float) chunk.getDouble(i));
                    }
                }
                default -> throw new IllegalStateException(t.dtype().toString());
            }
            int written = len / elemSize * 4;
            out.position(out.position() + written);
            out = out.slice().order(ByteOrder.LITTLE_ENDIAN);
            done += len;
        }
        dest.position(dest.position() + (int) needed);
    }

    static long[] readLongs(FileChannel ch, TensorInfo t) {
        TensorDType d = t.dtype();
        if (d.isFloatingPoint()) {
            throw new CheckpointException(
                    t.file()
                            + ": tensor '"
                            + t.name()
                            + "' is "
                            + d
                            + "; readLongs accepts I64, I32, I16, I8, U8, BOOL (use readFloats)");
        }
        long n = t.elementCount();
        if (n > MAX_ARRAY / 8) {
            throw new CheckpointException(
                    t.file()
                            + ": tensor '"
                            + t.name()
                            + "' has "
                            + n
                            + " elements, more than one long[] holds");
        }
        ByteBuffer raw = readRaw(ch, t);
        long[] out = new long[(int) n];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    switch (d) {
                        case I64 -> raw.getLong(i * 8);
                        case I32 -> raw.getInt(i * 4);
                        case I16 -> raw.getShort(i * 2);
                        case I8 -> raw.get(i);
                        case U8, BOOL -> raw.get(i) & 0xff;
                        default -> throw new IllegalStateException(d.toString());
                    };
        }
        return out;
    }

    private static void read(FileChannel ch, ByteBuffer dst, long position, TensorInfo t) {
        try {
            readFully(ch, dst, position, t.file(), "tensor '" + t.name() + "'");
        } catch (IOException e) {
            throw new CheckpointException(
                    t.file() + ": cannot read tensor '" + t.name() + "' (" + e + ")", e);
        }
    }
}
