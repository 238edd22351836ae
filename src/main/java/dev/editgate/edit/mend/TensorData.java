package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.nn.HostArrays;

/**
 * A float32 tensor on the host: what archives and training checkpoints store.
 *
 * @param shape row-major shape
 * @param data the values
 */
record TensorData(long[] shape, float[] data) {

    /** A name and the shape expected for it, to look a tensor up in a file. */
    record Spec(String name, Shape shape) {}

    static TensorData of(NDArray a) {
        NDArray f = a.toType(DataType.FLOAT32, false);
        float[] d = f.toFloatArray();
        if (f != a) {
            f.close();
        }
        return new TensorData(a.getShape().getShape(), d);
    }

    NDArray toArray(NDManager manager) {
        return HostArrays.of(manager, data, new Shape(shape));
    }
}
