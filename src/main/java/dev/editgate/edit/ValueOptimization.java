package dev.editgate.edit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import dev.editgate.model.nn.Scalars;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The value a rewritten layer should output for a fact: ROME's {@code compute_v} (delta at the MLP
 * output) and MEMIT's {@code compute_z} (delta at the layer's residual output).
 *
 * <p>A vector δ is added at {@code site} at the subject's last token of every prompt. The rewriting
 * prompts are the context templates around the edit prompt followed by all but the last target
 * token; the KL prompt is "{subject} is a". Adam minimises
 *
 * <pre>
 *   mean over rewriting prompts of (−Σ log p(target_j) / |target|)
 *   + kl_factor · KL(p_δ ‖ p_0) at the KL prompt's subject token
 *   + v_weight_decay · ‖δ‖ / ‖v₀‖²
 * </pre>
 *
 * (the last term exactly as ROME writes it), stopping early below 5e-2; after every step δ is
 * clamped to {@code clamp_norm_factor · ‖v₀‖}. The result is {@code v₀ + δ}.
 */
public final class ValueOptimization {
    private static final Logger LOG = LoggerFactory.getLogger(ValueOptimization.class);

    /** Settings shared by ROME and MEMIT. */
    public record Settings(
            int steps,
            double lr,
            double weightDecay,
            double klFactor,
            double clampNormFactor,
            FactToken factToken) {}

    /**
     * The optimised value.
     *
     * @param target [D] v₀ + δ, attached to the caller's manager
     * @param initial [D] v₀
     * @param loss final loss
     * @param steps steps taken
     */
    public record Result(NDArray target, NDArray initial, double loss, int steps) {}

    private ValueOptimization() {}

    public static Result optimise(
            LanguageModel model,
            Site site,
            EditRequest request,
            List<String> templates,
            Settings s,
            NDManager out) {
        var tok = model.tokenizer();
        int[] target = EditTokens.target(tok, request.prompt(), request.target());
        int[] targetPrefix = java.util.Arrays.copyOf(target, target.length - 1);
        List<int[]> seqs = new ArrayList<>();
        List<Integer> lookup = new ArrayList<>();
        List<Integer> promptLens = new ArrayList<>();
        for (String t : templates) {
            String text = ContextTemplates.apply(t, request.prompt());
            int[] p = tok.encode(text);
            seqs.add(EditTokens.concat(p, targetPrefix));
            promptLens.add(p.length);
            lookup.add(s.factToken().index(tok, text, request.subject()));
        }
        int rewriting = seqs.size();
        String klText = request.subject() + " is a";
        seqs.add(tok.encode(klText));
        lookup.add(s.factToken().index(tok, klText, request.subject()));
        TokenBatch batch = TokenBatch.leftPadded(seqs, tok.padId());
        int rows = seqs.size();
        int width = batch.width();
        int[] columns = new int[rows];
        for (int b = 0; b < rows; b++) {
            columns[b] = batch.column(b, lookup.get(b));
        }
        // (row*T + column, token) of every target token to score
        long[] scoreRows = new long[rewriting * target.length];
        long[] scoreTokens = new long[scoreRows.length];
        for (int b = 0; b < rewriting; b++) {
            for (int j = 0; j < target.length; j++) {
                scoreRows[b * target.length + j] =
                        (long) b * width + batch.column(b, promptLens.get(b) - 1 + j);
                scoreTokens[b * target.length + j] = target[j];
            }
        }
        long klRow = (long) rewriting * width + columns[rewriting];

        try (NDManager work = out.newSubManager()) {
            NDArray rowIdx = work.create(scoreRows);
            NDArray tokIdx = work.create(scoreTokens).reshape(-1, 1);
            NDArray klIdx = work.create(new long[] {klRow});
            NDArray initial;
            NDArray klInit;
            // Nothing below the edited layer depends on δ: the steps start at that layer from the
            // residual stream entering it, captured once here (exact, and saves layers·steps).
            int from = site.layer();
            Site below = from > 0 ? Site.residPost(from - 1) : null;
            NDArray entering = null; // [B, T, H]
            try (NDManager scope = work.newSubManager()) {
                Interventions capture = Interventions.create().capture(site);
                if (below != null) {
                    capture.capture(below);
                }
                ForwardResult r = model.forward(scope, batch, capture);
                if (below != null) {
                    entering = r.captured(below).stopGradient();
                    entering.attach(work);
                }
                NDArray act = r.captured(site); // [B, T, D]
                initial =
                        act.get(new NDIndex("0, {}", columns[0]))
                                .stopGradient()
                                .toType(DataType.FLOAT32, false); // [D]
                NDArray logits = r.logits().reshape(-1, r.logits().getShape().get(2)); // [B*T, V]
                klInit =
                        logits.get(new NDIndex("{}", klIdx))
                                .toType(DataType.FLOAT32, false)
                                .logSoftmax(-1)
                                .stopGradient(); // [1, V]
                initial.attach(work);
                klInit.attach(work);
            }
            double initNorm = initial.norm().toType(DataType.FLOAT64, false).getDouble();
            double maxNorm = s.clampNormFactor() * initNorm;
            NDArray delta = initial.zerosLike(); // [D]
            Adam adam = new Adam(s.lr(), 0);
            double loss = Double.NaN;
            int step = 0;
            for (; step < s.steps(); step++) {
                try (NDManager scope = work.newSubManager()) {
                    delta.setRequiresGradient(true);
                    NDArray grad;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray d = delta.toType(model.dtype(), false);
                        Interventions add = Interventions.create().add(site, columns, d);
                        ForwardResult r =
                                entering == null
                                        ? model.forward(scope, batch, add)
                                        : model.forwardFrom(scope, batch, from, entering, add);
                        NDArray logits =
                                r.logits().reshape(-1, r.logits().getShape().get(2)); // [B*T, V]
                        NDArray picked =
                                logits.get(new NDIndex("{}", rowIdx))
                                        .toType(DataType.FLOAT32, false)
                                        .logSoftmax(-1); // [N, V]
                        NDArray tokenLogp = picked.gather(tokIdx, 1); // [N, 1]
                        NDArray nll =
                                Scalars.div(
                                        tokenLogp.sum().neg(), (double) target.length * rewriting);
                        NDArray klLogp =
                                logits.get(new NDIndex("{}", klIdx))
                                        .toType(DataType.FLOAT32, false)
                                        .logSoftmax(-1); // [1, V]
                        NDArray kl =
                                Scalars.mul(
                                        klLogp.exp().mul(klLogp.sub(klInit)).sum(), s.klFactor());
                        NDArray wd =
                                Scalars.mul(
                                        Scalars.div(delta.norm(), initNorm * initNorm),
                                        s.weightDecay());
                        NDArray total = nll.add(kl).add(wd);
                        loss = total.toType(DataType.FLOAT64, false).getDouble();
                        if (!Double.isFinite(loss)) {
                            throw new EditException(
                                    "value optimisation at "
                                            + site
                                            + " for \""
                                            + request.prompt()
                                            + "\" -> \""
                                            + request.target()
                                            + "\" produced a non-finite loss ("
                                            + loss
                                            + ") at step "
                                            + step);
                        }
                        if (LOG.isDebugEnabled()) {
                            LOG.debug(
                                    "{} step {}: loss {} (nll {}, kl {}, wd {}) |delta| {} |v0| {}",
                                    site,
                                    step,
                                    loss,
                                    nll.toType(DataType.FLOAT64, false).getDouble(),
                                    kl.toType(DataType.FLOAT64, false).getDouble(),
                                    wd.toType(DataType.FLOAT64, false).getDouble(),
                                    delta.norm().toType(DataType.FLOAT64, false).getDouble(),
                                    initNorm);
                        }
                        if (loss < 5e-2 || step == s.steps() - 1) {
                            break;
                        }
                        gc.backward(total);
                        grad = delta.getGradient().duplicate();
                        if (!EditTransaction.finite(grad)) {
                            throw new EditException(
                                    "value optimisation at "
                                            + site
                                            + " for \""
                                            + request.prompt()
                                            + "\" produced a non-finite gradient at step "
                                            + step
                                            + " (loss "
                                            + loss
                                            + ")");
                        }
                    }
                    NDArray next = adam.step(delta, grad);
                    double n = next.norm().toType(DataType.FLOAT64, false).getDouble();
                    if (!Double.isFinite(n)) {
                        throw new EditException(
                                "value optimisation at "
                                        + site
                                        + " for \""
                                        + request.prompt()
                                        + "\" produced NaN in the delta at step "
                                        + step);
                    }
                    if (n > maxNorm) {
                        next = Scalars.mul(next, maxNorm / n);
                    }
                    next.attach(work);
                    delta = next;
                }
            }
            NDArray result = initial.add(delta.stopGradient()); // [D]
            LOG.debug(
                    "{}: loss {} after {} steps, |delta| {} of |v0| {}",
                    site,
                    loss,
                    step,
                    delta.norm().toType(DataType.FLOAT64, false).getDouble(),
                    initNorm);
            result.attach(out);
            initial.attach(out);
            return new Result(result, initial, loss, step);
        }
    }
}
