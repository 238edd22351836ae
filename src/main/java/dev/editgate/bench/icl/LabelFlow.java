package dev.editgate.bench.icl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.SiteKind;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The information flow of Wang et al. (2023, "Label Words are Anchors", Section 2.1), per layer:
 * the saliency {@code I_l = |Σ_h A_{h,l} ⊙ ∂L/∂A_{h,l}|} of the attention probabilities A of every
 * head h of layer l, with L the cross-entropy of the gold label over the label words' first tokens
 * at the target position q. {@code I_l(i, j)} is the flow from token j into token i. With the
 * diagonal set to 0 (as their {@code attention_attr.py}) and p_k the demonstrations' label words:
 *
 * <ul>
 *   <li>{@code S_wp = Σ_k Σ_{j<p_k} I(p_k, j) / Σ_k p_k}: text into label words;
 *   <li>{@code S_pq = Σ_k I(q, p_k) / C}: label words into the target (C demonstrations);
 *   <li>{@code S_ww}: every other pair j &lt; i ≤ q, over their count {@code q(q+1)/2 − Σ_k p_k −
 *       C}.
 * </ul>
 *
 * A/∂L/∂A are read at the {@code attn.probs} site: a zero array Z that requires gradients is added
 * to A there, so ∂L/∂Z = ∂L/∂A (the reference multiplies A by ones instead; the product's gradient
 * is the same A ⊙ ∂L/∂A).
 */
public final class LabelFlow {
    private LabelFlow() {}

    /** One layer's three flows. */
    public record Layer(double wp, double pq, double ww) {}

    /**
     * @param layers the flows of each layer
     * @param saliency each layer's I_l, row-major [T, T], diagonal included (null unless asked for)
     * @param loss L, in nats
     */
    public record Result(List<Layer> layers, List<float[]> saliency, double loss) {}

    /**
     * Runs one prompt forward and backward.
     *
     * @param labelTokens each class's label-word first token
     * @param gold the gold class (index into {@code labelTokens})
     * @param keepSaliency whether to return the full matrices
     */
    public static Result measure(
            LanguageModel model,
            IclPrompt.Positions p,
            int[] labelTokens,
            int gold,
            boolean keepSaliency) {
        int t = p.ids().length;
        int n = model.config().numHeads();
        int layers = model.numLayers();
        try (NDManager scope = model.manager().newSubManager()) {
            Interventions iv = Interventions.create();
            List<NDArray> zeros = new ArrayList<>(layers);
            for (int l = 0; l < layers; l++) {
                Site site = new Site(l, SiteKind.ATTN_PROBS);
                NDArray z = scope.zeros(new Shape(1, n, t, t), DataType.FLOAT32); // (1, N, T, T)
                z.setRequiresGradient(true);
                zeros.add(z);
                iv.hook(site, (s, a, b) -> a.add(z.toType(a.getDataType(), false)));
                iv.capture(site);
            }
            ForwardResult r;
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                r = model.forward(scope, TokenBatch.of(p.ids()), iv);
                NDArray last = r.logits().get(new NDIndex("0, {}, :", p.target())); // (V)
                NDArray picked =
                        last.toType(DataType.FLOAT32, false)
                                .get(scope.create(toLong(labelTokens))); // (C)
                NDArray nll = picked.logSoftmax(0).get(gold).neg();
                loss = nll.getFloat();
                gc.backward(nll);
            }
            List<Layer> out = new ArrayList<>(layers);
            List<float[]> kept = keepSaliency ? new ArrayList<>() : null;
            for (int l = 0; l < layers; l++) {
                NDArray a =
                        r.captured(new Site(l, SiteKind.ATTN_PROBS))
                                .toType(DataType.FLOAT32, false);
                NDArray g = zeros.get(l).getGradient();
                g.attach(scope);
                float[] sal = a.mul(g).sum(new int[] {1}).abs().toFloatArray(); // (T, T)
                if (kept != null) {
                    kept.add(sal.clone());
                }
                out.add(flows(sal, t, p.labelPositions(), p.target()));
            }
            return new Result(List.copyOf(out), kept, loss);
        }
    }

    /** The three flows of one saliency matrix (row-major [t, t]; its diagonal is ignored). */
    static Layer flows(float[] sal, int t, int[] labelPositions, int q) {
        double total = 0;
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                if (i != j) {
                    total += sal[i * t + j];
                }
            }
        }
        double wp = 0;
        double pq = 0;
        long sumP = 0;
        for (int pk : labelPositions) {
            for (int j = 0; j < t; j++) {
                if (j != pk) {
                    wp += sal[pk * t + j];
                }
            }
            pq += pk == q ? 0 : sal[q * t + pk];
            sumP += pk;
        }
        int c = labelPositions.length;
        double pairs = (double) (q + 1) * q / 2 - sumP - c;
        return new Layer(wp / sumP, pq / c, (total - wp - pq) / pairs);
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
