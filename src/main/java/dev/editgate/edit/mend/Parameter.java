package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;

/**
 * One trained array of the hypernetwork (or the edit learning rates), by its name in the
 * reference's {@code state_dict}. The optimizer replaces {@link #value} after each step.
 */
final class Parameter {
    final String name;
    NDArray value;

    Parameter(String name, NDArray value) {
        this.name = name;
        this.value = value;
    }

    /** Replaces the value with {@code next}, freeing the old one. */
    void replace(NDArray next) {
        if (next != value) {
            value.close();
            value = next;
        }
    }

    @Override
    public String toString() {
        return name + " " + value.getShape();
    }
}
