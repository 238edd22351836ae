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
      case "gelu" -> x.mul(x.div(Math.sqrt(2.0)).erf().add(1)).mul(0.5);
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> geluTanh(x);
      case "relu" -> x.maximum(0);
      default -> throw new IllegalArgumentException("unsupported activation " + name);
    };
  }

  /** 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), GPT-2's gelu_new. */
  private static NDArray geluTanh(NDArray x) {
    NDArray inner = x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI);
    return x.mul(0.5).mul(inner.tanh().add(1));
  }
}
