package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a number, safe under autograd. DJL's {@code NDArray.mul(Number)} (and {@code
 * div}, {@code pow}, {@code maximum}, {@code minimum}) wraps the number in a tensor over a Java
 * direct buffer and closes it as soon as the op returns; autograd saves that operand for the
 * backward pass, which then reads memory the JVM may already have reused: intermittent NaN or
 * garbage gradients in the editors' optimisations. These helpers make the number a 0-dim float64
 * tensor that owns its memory (the dtype DJL gives a {@code double}, so results are unchanged: a
 * 0-dim operand does not promote the array's own float dtype). An ArchUnit rule keeps the DJL
 * overloads out of model and editor code.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code value} as a 0-dim array on {@code like}'s manager, owning its memory. */
    public static NDArray of(NDArray like, double value) {
        NDArray wrapped = like.getManager().create(new double[] {value}, new Shape());
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }

    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }

    public static NDArray pow(NDArray x, double exponent) {
        return x.pow(of(x, exponent));
    }

    public static NDArray maximum(NDArray x, double value) {
        return x.maximum(of(x, value).toType(x.getDataType(), false));
    }

    public static NDArray minimum(NDArray x, double value) {
        return x.minimum(of(x, value).toType(x.getDataType(), false));
    }
}
