package dev.editgate.edit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.nn.Scalars;
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
     * ROME's {@code compute_v} / MEMIT's {@code compute_z} for one request: {@link ValuePrompts the
     * prompts}, {@link Pristine the pristine pass}, then Adam steps on δ until the {@link #loss
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
        ValuePrompts prompts = ValuePrompts.of(model, request, templates, s.factToken());
        try (NDManager work = out.newSubManager()) {
            NDArray klIdx = work.create(new long[] {prompts.klRow()});
            boolean prefix = ValueStepPass.reusesPrefix(model, site, plain);
            // After a frozen prefix, v₀ and the KL reference come from the first step's own pass
            // (δ = 0), as ROME's compute_v takes them; only the layers below the site run first.
            Pristine pristine = prefix ? null : Pristine.whole(model, site, prompts, klIdx, work);
            NDArray entering =
                    prefix ? Pristine.entering(model, site, prompts, work) : pristine.entering();
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
