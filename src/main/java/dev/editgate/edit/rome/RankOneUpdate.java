package dev.editgate.edit.rome;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.nn.Scalars;

/**
 * ROME's closed-form rank-one update (Meng et al. 2022, eq. 2), written for a weight in {@code [H,
 * I]} (out, in) layout.
 *
 * <p>With {@code k} the key at the subject's last token of the plain prompt, {@code k̄} the key
 * averaged over context prefixes, {@code C} the keys' second-moment matrix (identity without {@code
 * mom2_adjustment}) and {@code v} the optimised MLP output:
 *
 * <pre>
 *   u  = C⁻¹ k̄ / ‖C⁻¹ k̄‖                       left vector   [I]
 *   r  = (v − W k − b) / (uᵀ k)                 right vector  [H]
 *   ΔW = r uᵀ                                    [H, I], so (W + ΔW) k + b = v
 * </pre>
 *
 * Computed in float64 and returned in the weight's dtype.
 */
public final class RankOneUpdate {
    private RankOneUpdate() {}

    /**
     * The left vector {@code u}.
     *
     * @param keyMean [I] the averaged key k̄
     * @param inverseMoments [I, I] C⁻¹, or null for the identity
     * @return [I] float64, unit norm
     */
    public static NDArray leftVector(NDArray keyMean, NDArray inverseMoments) {
        NDArray k = keyMean.toType(DataType.FLOAT64, false); // [I]
        NDArray u = k;
        if (inverseMoments != null) {
            // a product lives in its first operand's manager: C⁻¹'s is kept between edits
            u = inverseMoments.toType(DataType.FLOAT64, false).matMul(k.reshape(-1, 1)); // [I, 1]
            u.attach(k.getManager());
            u = u.reshape(-1); // [I]
        }
        return u.div(u.norm()); // [I]
    }

    /**
     * The update ΔW, [H, I] in the dtype of {@code currentOut}.
     *
     * @param left [I] from {@link #leftVector}
     * @param key [I] the key k at the plain prompt
     * @param currentOut [H] the MLP output there, W k (+ bias)
     * @param target [H] the optimised output v
     */
    public static NDArray delta(NDArray left, NDArray key, NDArray currentOut, NDArray target) {
        NDArray u = left.toType(DataType.FLOAT64, false); // [I]
        NDArray k = key.toType(DataType.FLOAT64, false); // [I]
        NDArray residual =
                target.toType(DataType.FLOAT64, false)
                        .sub(currentOut.toType(DataType.FLOAT64, false)); // [H]
        double denom = u.dot(k).toType(DataType.FLOAT64, false).getDouble();
        if (!Double.isFinite(denom) || Math.abs(denom) < 1e-12) {
            throw new IllegalStateException(
                    "uᵀk = " + denom + ": the key is orthogonal to the left vector");
        }
        NDArray right = Scalars.div(residual, denom); // [H]
        NDArray dw = right.reshape(-1, 1).matMul(u.reshape(1, -1)); // [H, I]
        return dw.toType(currentOut.getDataType(), false);
    }
}
