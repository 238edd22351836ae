package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The MLP activations of the supported families, named as in Hugging Face's {@code ACT2FN}. */
public final class Activations {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Activations() {}

    /** Applies activation {@code name} (validated at config load). */
    public static NDArray apply(String name, NDArray x) {
        return switch (name) {
            case "silu" -> x.mul(Activation.sigmoid(x));
            case "gelu" -> Scalars.mul(x.mul(Scalars.div(x, Math.sqrt(2.0)).erf().add(1)), 0.5);
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> geluTanh(x);
            case "relu" -> Scalars.maximum(x, 0);
            default -> throw new IllegalArgumentException("unsupported activation " + name);
        };
    }

    /** 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), GPT-2's gelu_new. */
    private static NDArray geluTanh(NDArray x) {
        NDArray inner =
                Scalars.mul(x.add(Scalars.mul(Scalars.pow(x, 3), 0.044715)), SQRT_2_OVER_PI);
        return Scalars.mul(x, 0.5).mul(inner.tanh().add(1));
    }
}
