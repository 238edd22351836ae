package dev.editgate.model.weights;

import ai.djl.ndarray.NDArray;
import java.util.Collection;
import java.util.List;

/**
 * The model's tensors by their Hugging Face names ({@code model.layers.5.mlp.down_proj.weight},
 * {@code transformer.h.17.mlp.c_proj.weight}), in the layout of the checkpoint file. Tensors are
 * edited in place: the forward pass reads these very arrays.
 */
public interface WeightStore {

    /** The tensor called {@code name}; the error lists near names when absent. */
    NDArray get(String name);

    boolean contains(String name);

    List<String> names();

    /** Copies {@code value} into the tensor in place (same shape; converted to its dtype). */
    void set(String name, NDArray value);

    /** A copy of the named tensors, to {@link #restore} later. */
    Snapshot snapshot(Collection<String> names);

    /**
     * A journal of originals: from now on, the first {@link #set} of each tensor copies it into the
     * returned snapshot before changing it, so restoring the journal undoes every change made
     * through {@link #set} since it began. It holds a copy of each tensor changed, not of the whole
     * model (a snapshot of every tensor doubles the memory a model takes). {@link Snapshot#names}
     * grows as tensors change; {@link #restore} does not journal. Close it to stop journaling.
     */
    Snapshot journal();

    /** Writes the snapshot's tensors back in place. */
    void restore(Snapshot snapshot);

    /**
     * SHA-256 over every tensor's name, shape, dtype and bytes, in name order: two stores with the
     * same hash hold bit-identical weights.
     */
    String contentHash();

    /** Copies of tensors taken by {@link #snapshot}; close to free them. */
    interface Snapshot extends AutoCloseable {
        Collection<String> names();

        NDArray get(String name);

        @Override
        void close();
    }
}
