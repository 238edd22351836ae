package dev.editgate.model.gguf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where one tensor lives in a GGUF file.
 *
 * @param name the tensor's GGUF name (llama.cpp naming, e.g. {@code blk.0.attn_q.weight})
 * @param type ggml element type
 * @param dims ggml dimensions, {@code ne[0]} first: the fastest-varying dimension comes first
 * @param dataOffset absolute byte offset of the data in {@code file}
 * @param byteLength bytes of the data
 * @param file the GGUF file
 */
public record GgufTensorInfo(
        String name, GgmlType type, long[] dims, long dataOffset, long byteLength, Path file) {

    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dims = dims.clone();
    }

    /** A copy of the ggml dimensions, fastest first. */
    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** The row-major shape as numpy and transformers see it: the ggml dims reversed. */
    public long[] shape() {
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[dims.length - 1 - i];
        }
        return shape;
    }

    /** Number of elements. */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t
                && name.equals(t.name)
                && type == t.type
                && Arrays.equals(dims, t.dims)
                && dataOffset == t.dataOffset
                && byteLength == t.byteLength
                && Objects.equals(file, t.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(dims), dataOffset, byteLength, file);
    }

    @Override
    public String toString() {
        return name + " " + type + Arrays.toString(shape()) + " @" + dataOffset + "+" + byteLength;
    }
}
