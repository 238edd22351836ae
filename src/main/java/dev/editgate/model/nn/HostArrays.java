package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data that own their memory. DJL's PyTorch engine wraps the direct buffer it
 * copies Java data into without copying again, and releases that buffer when the array is closed;
 * autograd may still read the tensor after that (masks, rotary tables and token ids are saved for
 * the backward pass), so arrays made inside a forward pass must be torch-owned copies.
 */
public final class HostArrays {
    private HostArrays() {}

    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    private static NDArray owned(NDArray wrapped) {
        NDArray copy = wrapped.duplicate();
        wrapped.close();
        return copy;
    }
}
