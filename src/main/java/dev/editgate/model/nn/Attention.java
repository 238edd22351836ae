package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/**
 * Eager scaled dot-product attention with grouped key/value heads, as transformers' {@code
 * eager_attention_forward}: scores in the compute dtype, mask added, softmax in float32.
 *
 * <p>Dimensions as in the legend of {@code dev.editgate.model}: B batch, N query heads, K key/value
 * heads (N = K·G), T query tokens, S key tokens (past + T), D head size.
 */
public final class Attention {
    /**
     * Added to masked scores: large enough that exp underflows to 0, small enough that no sum with
     * a score reaches -inf (a fully masked padding row then stays finite, in the forward and
     * backward).
     */
    static final float MASKED = -1e30f;

    private Attention() {}

    /**
     * @param q [B, N, T, D]
     * @param k [B, K, S, D]
     * @param v [B, K, S, D]
     * @param mask [B, 1, T, S] additive float32 (0 or a large negative)
     * @param scale multiplier of q·k (usually 1/sqrt(D))
     * @return [B, T, N·D]
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, double scale) {
        return attend(q, k, v, mask, scale, UnaryOperator.identity());
    }

    /**
     * As {@link #attend(NDArray, NDArray, NDArray, NDArray, double)}, passing the probabilities [B,
     * N, T, S] through {@code probs} before they multiply the values (the {@code attn.probs} site).
     */
    public static NDArray attend(
            NDArray q,
            NDArray k,
            NDArray v,
            NDArray mask,
            double scale,
            UnaryOperator<NDArray> probs) {
        Shape qs = q.getShape(); // (B, N, T, D)
        long b = qs.get(0);
        long heads = qs.get(1);
        long t = qs.get(2);
        long d = qs.get(3);
        long kvHeads = k.getShape().get(1);
        long group = heads / kvHeads;
        long keys = k.getShape().get(2);
        // Query head n = κ·G + g reads key head κ: the G query heads of a key head are taken as
        // G·T rows against it (the same dot products as repeating the keys G times, without the
        // copy, and its sum in the backward pass).
        NDArray grouped = group == 1 ? q : q.reshape(b, kvHeads, group * t, d); // (B, K, G·T, D)
        NDArray scores = Scalars.mul(grouped.matMul(k.transpose(0, 1, 3, 2)), scale);
        if (group != 1) {
            scores = scores.reshape(b, heads, t, keys); // (B, N, T, S)
        }
        NDArray weights =
                scores.toType(DataType.FLOAT32, false)
                        .add(mask)
                        .softmax(-1)
                        .toType(q.getDataType(), false);
        NDArray p = probs.apply(weights); // (B, N, T, S)
        if (group != 1) {
            p = p.reshape(b, kvHeads, group * t, keys); // (B, K, G·T, S)
        }
        NDArray out = p.matMul(v); // (B, K, G·T, D)
        if (group != 1) {
            out = out.reshape(b, heads, t, d); // (B, N, T, D)
        }
        return out.transpose(0, 2, 1, 3).reshape(b, t, heads * d);
    }

    /**
     * The additive causal + padding mask: query t (at column past + t) sees key s when s ≤ past + t
     * and key s is not padding.
     *
     * @param keyMask [B][S] 1 for real tokens, 0 for padding
     * @param queries T
     * @return [B * T * S] row-major values for shape [B, 1, T, S]
     */
    public static float[] causalMask(float[][] keyMask, int queries) {
        return causalMask(keyMask, queries, 0);
    }

    /**
     * As {@link #causalMask(float[][], int)}, and with {@code window > 0} a query also sees only
     * the keys less than {@code window} columns behind it (transformers' sliding-window overlay).
     */
    public static float[] causalMask(float[][] keyMask, int queries, int window) {
        int b = keyMask.length;
        int s = keyMask[0].length;
        int past = s - queries;
        float[] m = new float[b * queries * s];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < queries; t++) {
                int base = (i * queries + t) * s;
                for (int j = 0; j < s; j++) {
                    boolean visible =
                            j <= past + t
                                    && keyMask[i][j] > 0
                                    && (window <= 0 || j > past + t - window);
                    m[base + j] = visible ? 0f : MASKED;
                }
            }
        }
        return m;
    }
}
