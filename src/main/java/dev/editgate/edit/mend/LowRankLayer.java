package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.nn.HostArrays;
import java.util.List;
import java.util.Random;

/**
 * The reference's {@code LRLinear} with {@code init: id}: a low-rank residual layer {@code x +
 * clamp((x vᵀ uᵀ + b) · scale[mode] + shift[mode], min 0)} over D = in + out features, with u [D,
 * R] initialised to zero (so the layer starts as the identity), v [R, D] standard normal, and a
 * per-mode scale (ones) and shift (zeros) for each matrix sharing the transform.
 *
 * <p>The clamp is applied in every layer, as in the reference (its {@code relu} argument is not
 * used); its gradient at 0 is 1, which is what lets the zero-initialised layer learn.
 */
final class LowRankLayer {
    final Parameter u; // (D, R)
    final Parameter v; // (R, D)
    final Parameter bias; // (D)
    final Parameter modeShift; // (M, D)
    final Parameter modeScale; // (M, D)

    LowRankLayer(
            Parameter u, Parameter v, Parameter bias, Parameter modeShift, Parameter modeScale) {
        this.u = u;
        this.v = v;
        this.bias = bias;
        this.modeShift = modeShift;
        this.modeScale = modeScale;
    }

    /** Names of the layer's arrays after {@code prefix} ({@code ...mlp.layers.0.}). */
    static List<String> names(String prefix) {
        return List.of(
                prefix + "u",
                prefix + "v",
                prefix + "bias",
                prefix + "mode_shift.weight",
                prefix + "mode_scale.weight");
    }

    /** A fresh identity layer; v's entries come from {@code random}. */
    static LowRankLayer identity(
            String prefix, int dim, int rank, int modes, Random random, NDManager manager) {
        int r = Math.min(rank, dim);
        float[] v = new float[r * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        float[] ones = new float[modes * dim];
        java.util.Arrays.fill(ones, 1f);
        List<String> n = names(prefix);
        return new LowRankLayer(
                new Parameter(n.get(0), manager.zeros(new Shape(dim, r), DataType.FLOAT32)),
                new Parameter(n.get(1), HostArrays.of(manager, v, new Shape(r, dim))),
                new Parameter(n.get(2), manager.zeros(new Shape(dim), DataType.FLOAT32)),
                new Parameter(n.get(3), manager.zeros(new Shape(modes, dim), DataType.FLOAT32)),
                new Parameter(n.get(4), HostArrays.of(manager, ones, new Shape(modes, dim))));
    }

    List<Parameter> parameters() {
        return List.of(u, v, bias, modeShift, modeScale);
    }

    /**
     * @param x [N, D]
     * @param mode index of the matrix among those sharing this transform
     * @return [N, D]
     */
    NDArray forward(NDArray x, int mode) {
        NDArray pre = u.value.matMul(v.value.matMul(x.transpose())).transpose(); // (N, D)
        pre = pre.add(bias.value);
        pre = pre.mul(modeScale.value.get(mode)).add(modeShift.value.get(mode));
        return pre.clip(0, Double.POSITIVE_INFINITY).add(x);
    }
}
