package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import dev.editgate.model.Interventions;
import dev.editgate.model.Site;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MEND's update of one matrix: {@code lr · Σ_t δ̃_t ũ_tᵀ} (the reference's {@code lr * einsum("bi,
 * bj->ji", ũ, δ̃)}, {@code "ij"} for GPT-2's Conv1D), kept as its factors so a forward pass can
 * apply it without writing the weights.
 *
 * @param matrix the edited matrix
 * @param u ũ [N, in]
 * @param delta δ̃ [N, out]
 * @param lr the matrix's learned edit learning rate, 0-dim
 */
record MatrixUpdate(MendMatrix matrix, NDArray u, NDArray delta, NDArray lr) {

    /** ΔW in the stored layout: {@code [out, in]}, or {@code [in, out]} for Conv1D. */
    NDArray stored() {
        NDArray g = matrix.conv1d() ? u.transpose().matMul(delta) : delta.transpose().matMul(u);
        return lr.mul(g);
    }

    /**
     * What the update adds to the matrix's output for input {@code x}: {@code x ΔWᵀ} = lr · (x ũᵀ)
     * δ̃.
     *
     * @param x [B, T, in]
     * @return [B, T, out]
     */
    NDArray outputChange(NDArray x) {
        return x.matMul(u.transpose()).matMul(delta).mul(lr);
    }

    /**
     * Interventions that run a pass as if every update were added to its matrix: each matrix's
     * input is kept when the pass reaches it, and its output gets {@link #outputChange}. Gradients
     * flow into the factors and learning rates (MEND's training); the weights are not touched.
     */
    static Interventions asHooks(List<MatrixUpdate> updates, Interventions into) {
        Map<Site, NDArray> inputs = new HashMap<>();
        for (MatrixUpdate up : updates) {
            Site in = up.matrix.inputSite();
            if (!inputs.containsKey(in)) {
                inputs.put(in, null);
                into.hook(
                        in,
                        (s, a, batch) -> {
                            inputs.put(s, a); // (B, T, in)
                            return a;
                        });
            }
        }
        for (MatrixUpdate up : updates) {
            Site in = up.matrix.inputSite();
            into.hook(
                    up.matrix.outputSite(),
                    (s, a, batch) -> {
                        NDArray x = inputs.get(in);
                        return a.add(
                                up.outputChange(x.toType(up.u.getDataType(), false))
                                        .toType(a.getDataType(), false));
                    });
        }
        return into;
    }
}
