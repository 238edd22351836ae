package dev.editgate.edit;

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

    /**
     * ROME's {@code compute_v} / MEMIT's {@code compute_z} for one request: {@link #prompts the
     * prompts}, {@link #pristine the pristine pass}, then Adam steps on δ until the {@link #loss
     * loss} is below 5e-2 or the steps are spent.
     */
    public static Result optimise(
            LanguageModel model,
            Site site,
            EditRequest request,
            List<String> templates,
            Settings s,
            NDManager out) {
        return optimise(
                model,
                site,
                request,
                templates,
                s,
                out,
                Boolean.getBoolean(ValueStepPass.PLAIN_PROPERTY));
    }

    /** As above; {@code plain} runs every step over whole rows (see {@link ValueStepPass}). */
    static Result optimise(
            LanguageModel model,
            Site site,
            EditRequest request,
            List<String> templates,
            Settings s,
            NDManager out,
            boolean plain) {
        if (s.steps() < 1) {
            throw new IllegalArgumentException(
                    "value optimisation at " + site + ": " + s.steps() + " steps (accepted: >= 1)");
        }
        Prompts prompts = prompts(model, request, templates, s.factToken());
        try (NDManager work = out.newSubManager()) {
            NDArray klIdx = work.create(new long[] {prompts.klRow()});
            boolean prefix = ValueStepPass.reusesPrefix(model, site, plain);
            // After a frozen prefix, v₀ and the KL reference come from the first step's own pass
            // (δ = 0), as ROME's compute_v takes them; only the layers below the site run first.
            Pristine pristine = prefix ? null : pristine(model, site, prompts, klIdx, work);
            NDArray entering = prefix ? entering(model, site, prompts, work) : pristine.entering();
            NDArray initial = prefix ? null : pristine.value();
            double initNorm = prefix ? Double.NaN : norm(initial);
            double maxNorm = s.clampNormFactor() * initNorm;
            long width = prefix ? entering.getShape().get(2) : initial.getShape().get(0);
            NDArray delta = work.zeros(new Shape(width), DataType.FLOAT32); // [D]
            Adam adam = new Adam(s.lr(), 0);
            double loss = Double.NaN;
            int step = 0;
            ValueStepPass pass = ValueStepPass.of(model, site, prompts, entering, plain, work);
            for (; step < s.steps(); step++) {
                try (NDManager scope = work.newSubManager()) {
                    delta.setRequiresGradient(true);
                    NDArray grad;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray d = delta.toType(model.dtype(), false);
                        ForwardResult r = pass.run(scope, d, pristine == null);
                        if (pristine == null) {
                            pristine = pass.pristine(r, work);
                            initial = pristine.value();
                            initNorm = norm(initial);
                            maxNorm = s.clampNormFactor() * initNorm;
                        }
                        Loss l =
                                loss(
                                        r,
                                        pass.targets(),
                                        pass.klIdx(),
                                        pristine.klLogp(),
                                        delta,
                                        initNorm,
                                        s);
                        loss = l.total().toType(DataType.FLOAT64, false).getDouble();
                        if (!Double.isFinite(loss)) {
                            throw failure(
                                    site,
                                    request,
                                    " -> \""
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
                                    l.nll().toType(DataType.FLOAT64, false).getDouble(),
                                    l.kl().toType(DataType.FLOAT64, false).getDouble(),
                                    l.weightDecay().toType(DataType.FLOAT64, false).getDouble(),
                                    delta.norm().toType(DataType.FLOAT64, false).getDouble(),
                                    initNorm);
                        }
                        if (loss < 5e-2 || step == s.steps() - 1) {
                            break;
                        }
                        gc.backward(l.total());
                        grad = delta.getGradient().duplicate();
                        if (!EditTransaction.finite(grad)) {
                            throw failure(
                                    site,
                                    request,
                                    " produced a non-finite gradient at step "
                                            + step
                                            + " (loss "
                                            + loss
                                            + ")");
                        }
                    }
                    NDArray next = clamp(adam.step(delta, grad), maxNorm, site, request, step);
                    next.attach(work);
                    delta = next;
                    LOG.debug("{} step {}: backward and update done", site, step);
                }
            }
            pass.close();
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

    /**
     * The optimisation's batch: the rewriting prompts (each template around the edit prompt, then
     * all but the last target token) and, last, the KL prompt.
     *
     * @param batch left-padded, rewriting prompts first, the KL prompt last
     * @param columns [B] the column of the subject's fact token in each row, where δ is added
     * @param targets the rewriting prompts' target tokens, teacher forced
     * @param klRow the row of the flattened logits at the KL prompt's fact token
     */
    record Prompts(TokenBatch batch, int[] columns, TargetPositions targets, long klRow) {}

    static Prompts prompts(
            LanguageModel model, EditRequest request, List<String> templates, FactToken fact) {
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
            lookup.add(fact.index(tok, text, request.subject()));
        }
        int rewriting = seqs.size();
        String klText = request.subject() + " is a";
        seqs.add(tok.encode(klText));
        lookup.add(fact.index(tok, klText, request.subject()));
        TokenBatch batch = TokenBatch.leftPadded(seqs, tok.padId());
        int[] columns = new int[seqs.size()];
        for (int b = 0; b < columns.length; b++) {
            columns[b] = batch.column(b, lookup.get(b));
        }
        TargetPositions targets = new TargetPositions(batch);
        for (int b = 0; b < rewriting; b++) {
            targets.teacherForced(b, promptLens.get(b), target);
        }
        long klRow = (long) rewriting * batch.width() + columns[rewriting];
        return new Prompts(batch, columns, targets, klRow);
    }

    /**
     * The unedited pass.
     *
     * @param value [D] v₀: the site's output at the first rewriting prompt's fact token
     * @param klLogp [1, V] log-probabilities at the KL prompt's fact token
     * @param entering [B, T, H] the residual stream entering the edited layer (nothing below it
     *     depends on δ: the steps start there), or null at layer 0
     */
    record Pristine(NDArray value, NDArray klLogp, NDArray entering) {}

    static Pristine pristine(
            LanguageModel model, Site site, Prompts prompts, NDArray klIdx, NDManager work) {
        int from = site.layer();
        Site below = from > 0 ? Site.residPost(from - 1) : null;
        NDArray entering = null; // [B, T, H]
        try (NDManager scope = work.newSubManager()) {
            Interventions capture = Interventions.create().capture(site);
            if (below != null) {
                capture.capture(below);
            }
            ForwardResult r = model.forward(scope, prompts.batch(), capture);
            if (below != null) {
                entering = r.captured(below).stopGradient();
                entering.attach(work);
            }
            NDArray act = r.captured(site); // [B, T, D]
            NDArray initial =
                    act.get(new NDIndex("0, {}", prompts.columns()[0]))
                            .stopGradient()
                            .toType(DataType.FLOAT32, false); // [D]
            NDArray logits = r.logits().reshape(-1, r.logits().getShape().get(2)); // [B*T, V]
            NDArray klInit =
                    logits.get(new NDIndex("{}", klIdx))
                            .toType(DataType.FLOAT32, false)
                            .logSoftmax(-1)
                            .stopGradient(); // [1, V]
            initial.attach(work);
            klInit.attach(work);
            return new Pristine(initial, klInit, entering);
        }
    }

    /**
     * [B, T, H] the residual stream entering the site's layer: the layers below it only (nothing
     * there depends on δ), exactly as the whole pass computes them.
     */
    static NDArray entering(LanguageModel model, Site site, Prompts prompts, NDManager work) {
        Site below = Site.residPost(site.layer() - 1);
        try (NDManager scope = work.newSubManager()) {
            Interventions capture = Interventions.create().capture(below).stopAfter(below.layer());
            NDArray entering = model.forward(scope, prompts.batch(), capture).captured(below);
            entering = entering.stopGradient();
            entering.attach(work);
            return entering;
        }
    }

    private static double norm(NDArray v) {
        return v.norm().toType(DataType.FLOAT64, false).getDouble();
    }

    /** The loss's three terms and their sum (scalars). */
    record Loss(NDArray nll, NDArray kl, NDArray weightDecay, NDArray total) {}

    static Loss loss(
            ForwardResult r,
            TargetPositions.Indices targets,
            NDArray klIdx,
            NDArray klInit,
            NDArray delta,
            double initNorm,
            Settings s) {
        NDArray tokenLogp = targets.logProbs(r); // [N, 1]
        NDArray nll = Scalars.div(tokenLogp.sum().neg(), (double) tokenLogp.getShape().get(0));
        NDArray logits = r.logits().reshape(-1, r.logits().getShape().get(2)); // [B*T, V]
        NDArray klLogp =
                logits.get(new NDIndex("{}", klIdx))
                        .toType(DataType.FLOAT32, false)
                        .logSoftmax(-1); // [1, V]
        NDArray kl = Scalars.mul(klLogp.exp().mul(klLogp.sub(klInit)).sum(), s.klFactor());
        NDArray wd = Scalars.mul(Scalars.div(delta.norm(), initNorm * initNorm), s.weightDecay());
        return new Loss(nll, kl, wd, nll.add(kl).add(wd));
    }

    /** {@code next}, scaled down to {@code maxNorm} when longer. */
    private static NDArray clamp(
            NDArray next, double maxNorm, Site site, EditRequest request, int step) {
        double n = next.norm().toType(DataType.FLOAT64, false).getDouble();
        if (!Double.isFinite(n)) {
            throw failure(site, request, " produced NaN in the delta at step " + step);
        }
        return n > maxNorm ? Scalars.mul(next, maxNorm / n) : next;
    }

    private static EditException failure(Site site, EditRequest request, String what) {
        return new EditException(
                "value optimisation at " + site + " for \"" + request.prompt() + "\"" + what);
    }
}
