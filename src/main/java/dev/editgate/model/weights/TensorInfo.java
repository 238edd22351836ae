package dev.editgate.model.weights;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where one tensor lives in a checkpoint file.
 *
 * @param name the tensor's name in the checkpoint (Hugging Face naming)
 * @param dtype element type
 * @param shape row-major shape, outermost dimension first (a copy is kept)
 * @param dataOffset absolute byte offset of the first element in {@code file}
 * @param byteLength number of bytes of the tensor's data
 * @param file the file holding the data
 */
public record TensorInfo(
        String name, TensorDType dtype, long[] shape, long dataOffset, long byteLength, Path file) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(file, "file");
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t
                && name.equals(t.name)
                && dtype == t.dtype
                && Arrays.equals(shape, t.shape)
                && dataOffset == t.dataOffset
                && byteLength == t.byteLength
                && file.equals(t.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataOffset, byteLength, file);
    }

    @Override
    public String toString() {
        return name
                + " "
                + dtype
                + Arrays.toString(shape)
                + " @"
                + dataOffset
                + "+"
                + byteLength
                + " in "
                + file;
    }
}
