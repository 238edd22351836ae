package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.nn.HostArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The reference's {@code GradientTransform} with {@code combine: true}: one network for every
 * edited matrix of shape (in, out), taking each token's rank-one gradient factors [u; δ] (u the
 * matrix's input [in], δ the loss's gradient at its output [out]), normalised by running mean and
 * standard deviation, through {@code n_hidden + 1} {@link LowRankLayer}s ({@code IDMLP}), and split
 * back into the transformed pair (ũ, δ̃). The matrix's pseudo-gradient is Σ_tokens δ̃ ũᵀ.
 */
final class GradientTransform {
    final String prefix;
    final int xDim;
    final int deltaDim;
    final int modes;
    final List<LowRankLayer> layers;
    final RunningNorm norm;

    GradientTransform(String prefix, int xDim, int deltaDim, int modes, List<LowRankLayer> layers) {
        this.prefix = prefix;
        this.xDim = xDim;
        this.deltaDim = deltaDim;
        this.modes = modes;
        this.layers = List.copyOf(layers);
        this.norm = new RunningNorm(xDim, deltaDim);
    }

    /** A fresh transform: every layer the identity. */
    static GradientTransform identity(
            String prefix,
            int xDim,
            int deltaDim,
            int modes,
            MendConfig config,
            Random random,
            NDManager manager) {
        List<LowRankLayer> layers = new ArrayList<>();
        for (int i = 0; i <= config.nHidden(); i++) {
            layers.add(
                    LowRankLayer.identity(
                            prefix + "mlp.layers." + i + ".",
                            xDim + deltaDim,
                            config.rank(),
                            modes,
                            random,
                            manager));
        }
        return new GradientTransform(prefix, xDim, deltaDim, modes, layers);
    }

    List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        layers.forEach(l -> out.addAll(l.parameters()));
        return out;
    }

    /**
     * Transforms one matrix's factors (rows already without zero pairs). In training mode the
     * normalisation statistics first take in every row, as the reference does.
     *
     * @param u [N, in]
     * @param delta [N, out]
     * @return {ũ [N, in], δ̃ [N, out]} on {@code scope}
     */
    NDArray[] forward(
            Rows u, Rows delta, int mode, boolean training, boolean normalise, NDManager scope) {
        if (u.cols() != xDim || delta.cols() != deltaDim) {
            throw new IllegalArgumentException(
                    "mend transform "
                            + prefix
                            + " takes factors of widths ("
                            + xDim
                            + ", "
                            + deltaDim
                            + "), got ("
                            + u.cols()
                            + ", "
                            + delta.cols()
                            + ")");
        }
        if (training) {
            norm.update(u, delta);
        } else if (normalise && !norm.initialised()) {
            throw new IllegalStateException(
                    "mend transform " + prefix + " has no normalisation statistics yet");
        }
        float[] ui = normalise ? RunningNorm.normalise(u, norm.uMean, norm.uStd) : u.data();
        float[] vi = normalise ? RunningNorm.normalise(delta, norm.vMean, norm.vStd) : delta.data();
        int n = u.rows();
        int d = xDim + deltaDim;
        float[] joined = new float[n * d]; // torch.cat((u_input, v_input), -1)
        for (int r = 0; r < n; r++) {
            System.arraycopy(ui, r * xDim, joined, r * d, xDim);
            System.arraycopy(vi, r * deltaDim, joined, r * d + xDim, deltaDim);
        }
        NDArray x = HostArrays.of(scope, joined, new Shape(n, d)); // (N, in + out)
        for (LowRankLayer layer : layers) {
            x = layer.forward(x, mode);
        }
        return new NDArray[] {
            x.get(new NDIndex(":, :{}", xDim)), x.get(new NDIndex(":, {}:", xDim))
        };
    }
}
