package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** RMSNorm (LLaMA) and LayerNorm (GPT-2, GPT-J, GPT-NeoX) as Hugging Face computes them. */
public final class Norms {
    private Norms() {}

    /**
     * LlamaRMSNorm: in float32, {@code x * rsqrt(mean(x^2) + eps)}, cast back, times weight.
     *
     * @param x [..., H]
     * @param weight [H]
     */
    public static NDArray rms(NDArray x, NDArray weight, double eps) {
        DataType in = x.getDataType();
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        // x·x and 1/sqrt as torch computes pow(2) and rsqrt, without a tensor exponent (pow with
        // one runs the general kernel, and its backward several more)
        NDArray variance = x32.mul(x32).mean(new int[] {-1}, true); // (..., 1)
        NDArray inverse = Scalars.of(x32, 1.0).div(variance.add(eps).sqrt()); // (..., 1)
        NDArray normed = x32.mul(inverse).toType(in, false);
        return normed.mul(weight);
    }

    /**
     * Gemma's RMSNorm: in float32, {@code x * rsqrt(mean(x^2) + eps) * (1 + weight)}, then cast
     * back (the product is taken before the cast, unlike LLaMA's).
     */
    public static NDArray rmsOneOffset(NDArray x, NDArray weight, double eps) {
        DataType in = x.getDataType();
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        NDArray normed =
                x32.mul(
                        Scalars.pow(
                                Scalars.pow(x32, 2).mean(new int[] {-1}, true).add(eps).sqrt(),
                                -1));
        return normed.mul(weight.toType(DataType.FLOAT32, false).add(1)).toType(in, false);
    }

    /**
     * LayerNorm over the last axis.
     *
     * @param x [..., H]
     * @param weight [H]
     * @param bias [H]
     */
    public static NDArray layer(NDArray x, NDArray weight, NDArray bias, double eps) {
        Shape last = new Shape(x.getShape().get(x.getShape().dimension() - 1));
        return LayerNorm.layerNorm(x, last, weight, bias, (float) eps).singletonOrThrow();
    }
}
