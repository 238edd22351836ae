package dev.editgate.model;

/**
 * A tensor an architecture needs: its Hugging Face name and shape in the checkpoint's layout.
 *
 * @param optional may be absent (e.g. {@code lm_head.weight} of a tied model)
 */
public record TensorSpec(String name, long[] shape, boolean optional) {

    public static TensorSpec of(String name, long... shape) {
        return new TensorSpec(name, shape, false);
    }

    public static TensorSpec optional(String name, long... shape) {
        return new TensorSpec(name, shape, true);
    }
}
