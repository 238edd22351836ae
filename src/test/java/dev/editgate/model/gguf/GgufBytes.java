package dev.editgate.model.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds GGUF files byte by byte for tests, including malformed ones. */
final class GgufBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    GgufBytes u8(int v) {
        out.write(v);
        return this;
    }

    GgufBytes u32(long v) {
        return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    GgufBytes u64(long v) {
        return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    GgufBytes f32(float v) {
        return u32(Float.floatToRawIntBits(v));
    }

    GgufBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u64(b.length).raw(b);
    }

    GgufBytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    GgufBytes header(int version, long tensors, long kvs) {
        return raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensors).u64(kvs);
    }

    /** A string key/value. */
    GgufBytes kvString(String key, String value) {
        return str(key).u32(GgufValueType.STRING.id).str(value);
    }

    /** A UINT32 key/value. */
    GgufBytes kvU32(String key, long value) {
        return str(key).u32(GgufValueType.UINT32.id).u32(value);
    }

    /** A FLOAT32 key/value. */
    GgufBytes kvF32(String key, float value) {
        return str(key).u32(GgufValueType.FLOAT32.id).f32(value);
    }

    GgufBytes tensorInfo(String name, long[] dims, GgmlType type, long offset) {
        str(name).u32(dims.length);
        for (long d : dims) {
            u64(d);
        }
        return u32(type.id()).u64(offset);
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    GgufBytes pad(int alignment) {
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A valid little file: two tensors (F32 [2,3] and Q8_0 [32]) and some metadata. */
    static byte[] sample(List<float[]> valuesOut) {
        GgufBytes b =
                new GgufBytes()
                        .header(3, 2, 4)
                        .kvString("general.architecture", "llama")
                        .kvU32("llama.block_count", 2)
                        .kvF32("llama.rope.freq_base", 500000f);
        // tokenizer.ggml.tokens: array of 3 strings
        b.str("tokenizer.ggml.tokens")
                .u32(GgufValueType.ARRAY.id)
                .u32(GgufValueType.STRING.id)
                .u64(3)
                .str("a")
                .str("b")
                .str("ab");
        b.tensorInfo("w.f32", new long[] {3, 2}, GgmlType.F32, 0);
        b.tensorInfo("w.q8", new long[] {32}, GgmlType.Q8_0, 32);
        b.pad(32);
        float[] f32 = {1f, 2f, 3f, -4f, 5.5f, 0f};
        for (float v : f32) {
            b.f32(v);
        }
        b.pad(32);
        b.u8(0x00).u8(0x3c); // d = 1.0 as f16
        float[] q8 = new float[32];
        for (int i = 0; i < 32; i++) {
            b.u8((byte) (i - 16));
            q8[i] = i - 16;
        }
        if (valuesOut != null) {
            valuesOut.add(f32);
            valuesOut.add(q8);
        }
        return b.bytes();
    }

    static List<float[]> sampleValues() {
        List<float[]> v = new ArrayList<>();
        sample(v);
        return v;
    }
}
