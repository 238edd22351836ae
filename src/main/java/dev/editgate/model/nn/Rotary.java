package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.ModelConfig;

/**
 * Rotary position embeddings in the two layouts Hugging Face uses.
 *
 * <p>Dimensions as in the legend of {@code dev.editgate.model}: B batch, N heads, T tokens, D head
 * size, R rotary dims (R ≤ D; dims past R pass through unchanged, GPT-J's {@code rotary_dim} and
 * GPT-NeoX's {@code rotary_pct}).
 *
 * <ul>
 *   <li>{@link Layout#HALF}: LLaMA / NeoX {@code rotate_half}: pairs (i, i + R/2).
 *   <li>{@link Layout#INTERLEAVED}: GPT-J {@code rotate_every_two}: pairs (2i, 2i + 1).
 * </ul>
 */
public final class Rotary {

    /** Which dimensions rotate together. */
    public enum Layout {
        HALF,
        INTERLEAVED
    }

    private final Layout layout;
    private final int rotaryDim;
    private final float[] invFreq; // (R/2)

    public Rotary(ModelConfig config, Layout layout) {
        this(config.rotaryDim(), config.ropeTheta(), config.ropeScaling(), layout);
    }

    /** Rotary with an explicit base and scaling (Gemma 3's local layers use their own base). */
    public Rotary(int rotaryDim, double theta, ModelConfig.RopeScaling scaling, Layout layout) {
        this.layout = layout;
        this.rotaryDim = rotaryDim;
        this.invFreq = inverseFrequencies(rotaryDim, theta, scaling);
    }

    /** 1 / theta^(2i/R), float32 as transformers computes it, then rope_scaling applied. */
    static float[] inverseFrequencies(int r, double theta, ModelConfig.RopeScaling s) {
        float[] inv = new float[r / 2];
        for (int i = 0; i < r / 2; i++) {
            float exponent = (float) (2 * i) / r;
            inv[i] = (float) (1.0 / Math.pow(theta, exponent));
        }
        if (s == null) {
            return inv;
        }
        if (s.type().equals("linear")) {
            for (int i = 0; i < inv.length; i++) {
                inv[i] = (float) (inv[i] / s.factor());
            }
            return inv;
        }
        // llama3: long wavelengths divided by factor, short kept, a smooth blend between.
        double lowWavelen = s.originalMaxPositions() / s.lowFreqFactor();
        double highWavelen = s.originalMaxPositions() / s.highFreqFactor();
        for (int i = 0; i < inv.length; i++) {
            double wavelen = 2 * Math.PI / inv[i];
            double scaled = wavelen > lowWavelen ? inv[i] / s.factor() : inv[i];
            boolean medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
            if (medium) {
                double smooth =
                        (s.originalMaxPositions() / wavelen - s.lowFreqFactor())
                                / (s.highFreqFactor() - s.lowFreqFactor());
                scaled = (1 - smooth) * scaled / s.factor() + smooth * scaled;
            }
            inv[i] = (float) scaled;
        }
        return inv;
    }

    /**
     * cos and sin tables for the given positions, each [B, 1, T, R], laid out for this layout.
     *
     * @param positions [B][T] token positions
     */
    public NDList tables(NDManager manager, long[][] positions, DataType dtype) {
        int b = positions.length;
        int t = positions[0].length;
        int half = rotaryDim / 2;
        float[] cos = new float[b * t * rotaryDim];
        float[] sin = new float[b * t * rotaryDim];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int base = (i * t + j) * rotaryDim;
                for (int k = 0; k < half; k++) {
                    float angle = (float) positions[i][j] * invFreq[k];
                    float c = (float) Math.cos(angle);
                    float s = (float) Math.sin(angle);
                    if (layout == Layout.HALF) {
                        cos[base + k] = c;
                        cos[base + half + k] = c;
                        sin[base + k] = s;
                        sin[base + half + k] = s;
                    } else {
                        cos[base + 2 * k] = c;
                        cos[base + 2 * k + 1] = c;
                        sin[base + 2 * k] = s;
                        sin[base + 2 * k + 1] = s;
                    }
                }
            }
        }
        Shape shape = new Shape(b, 1, t, rotaryDim);
        return new NDList(
                HostArrays.of(manager, cos, shape).toType(dtype, false),
                HostArrays.of(manager, sin, shape).toType(dtype, false));
    }

    /**
     * Rotates the first R dims of each head.
     *
     * @param x [B, N, T, D]
     * @param tables from {@link #tables}
     */
    public NDArray apply(NDArray x, NDList tables) {
        long d = x.getShape().get(3);
        NDArray rot = rotaryDim == d ? x : x.get(new NDIndex("..., :{}", rotaryDim));
        NDArray rotated = rot.mul(tables.get(0)).add(turn(rot).mul(tables.get(1)));
        if (rotaryDim == d) {
            return rotated;
        }
        NDArray pass = x.get(new NDIndex("..., {}:", rotaryDim));
        return rotated.concat(pass, -1);
    }

    /** rotate_half: (-x2, x1); rotate_every_two: (-x_odd, x_even) interleaved. */
    private NDArray turn(NDArray x) {
        if (layout == Layout.HALF) {
            int half = rotaryDim / 2;
            NDArray x1 = x.get(new NDIndex("..., :{}", half));
            NDArray x2 = x.get(new NDIndex("..., {}:", half));
            return x2.neg().concat(x1, -1);
        }
        NDArray even = x.get(new NDIndex("..., ::2"));
        NDArray odd = x.get(new NDIndex("..., 1::2"));
        Shape s = x.getShape();
        return odd.neg().stack(even, -1).reshape(s);
    }
}
