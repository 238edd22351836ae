package dev.editgate.edit.mend;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.editgate.edit.EditException;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rank-one factors of each edited matrix's gradient, from one forward and backward pass of the
 * edit loss (mean negative log-likelihood of the target tokens): per token t, the matrix's input
 * u_t and the loss's gradient at its output δ_t, so that ∂loss/∂W = Σ_t δ_t u_tᵀ (the reference's
 * {@code __x__} and {@code __delta__} hooks). Token rows where u or δ is all zero (padding, the
 * positions no loss term reads) are dropped, as the reference's {@code nz_mask} does.
 *
 * <p>δ is read as the gradient of a zero array added at the matrix's output site; the model's
 * weights never require gradients.
 */
final class GradientFactors {
    private final List<Rows> u;
    private final List<Rows> delta;
    final double loss;

    GradientFactors(List<Rows> u, List<Rows> delta, double loss) {
        this.u = List.copyOf(u);
        this.delta = List.copyOf(delta);
        this.loss = loss;
    }

    /** Inputs of matrix {@code i}, [N_i, in]. */
    Rows u(int i) {
        return u.get(i);
    }

    /** Output gradients of matrix {@code i}, [N_i, out]. */
    Rows delta(int i) {
        return delta.get(i);
    }

    /** Runs the edit loss on {@code batch} and collects every matrix's factors. */
    static GradientFactors compute(
            LanguageModel model, List<MendMatrix> matrices, TargetBatch batch) {
        try (NDManager scope = model.manager().newSubManager()) {
            int b = batch.size();
            int t = batch.tokens.width();
            Interventions iv = Interventions.create();
            Set<Site> inputs = new LinkedHashSet<>();
            matrices.forEach(m -> inputs.add(m.inputSite()));
            inputs.forEach(iv::capture);
            List<NDArray> zeros = new ArrayList<>();
            for (MendMatrix m : matrices) {
                NDArray z = scope.zeros(new Shape(b, t, m.out()), DataType.FLOAT32); // (B, T, out)
                z.setRequiresGradient(true);
                zeros.add(z);
                iv.hook(m.outputSite(), (s, a, tb) -> a.add(z.toType(a.getDataType(), false)));
            }
            ForwardResult r;
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                r = model.forward(scope, batch.tokens, iv);
                NDArray nll = batch.logProbs(batch.picked(r.logits(), scope), scope).mean().neg();
                loss = nll.getFloat();
                if (!Double.isFinite(loss)) {
                    throw new EditException("mend: non-finite edit loss " + loss);
                }
                gc.backward(nll);
            }
            List<Rows> us = new ArrayList<>();
            List<Rows> ds = new ArrayList<>();
            for (int i = 0; i < matrices.size(); i++) {
                MendMatrix m = matrices.get(i);
                NDArray x = r.captured(m.inputSite()).toType(DataType.FLOAT32, false);
                NDArray g = zeros.get(i).getGradient();
                g.attach(scope);
                Rows[] pair =
                        Rows.nonZeroPairs(
                                new Rows(b * t, m.in(), x.toFloatArray()),
                                new Rows(b * t, m.out(), g.toFloatArray()));
                if (pair[0].rows() == 0) {
                    throw new EditException(
                            "mend: no token carries a gradient into "
                                    + m.name()
                                    + " (empty edit?)");
                }
                us.add(pair[0]);
                ds.add(pair[1]);
            }
            return new GradientFactors(us, ds, loss);
        }
    }
}
