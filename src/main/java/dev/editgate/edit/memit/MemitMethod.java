package dev.editgate.edit.memit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTransaction;
import dev.editgate.edit.FactToken;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.ValueOptimization;
import dev.editgate.edit.stats.Provenance;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.SecondMoments;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.nn.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mass-Editing Memory in a Transformer (Meng et al. 2023), as {@code execute_memit}:
 *
 * <ol>
 *   <li>for each request, z = the residual output of the last critical layer L at the subject's
 *       last token that makes the target likely ({@link ValueOptimization} at {@code
 *       Site.residPost(L)}): Z [H, N];
 *   <li>for each critical layer l in order: keys K [I, N] (mean over context-template groups), the
 *       residual R = Z − (current residual at L) divided by the number of layers left, and the
 *       update ΔW = R ((λ C + K Kᵀ)⁻¹ K)ᵀ [H, I], written before the next layer's keys are read.
 * </ol>
 */
final class MemitMethod implements EditMethod {
    private static final Logger LOG = LoggerFactory.getLogger(MemitMethod.class);

    private final MemitHyperparameters hp;
    private final NDManager state;
    private List<List<String>> templateGroups;
    private Map<Integer, NDArray> moments; // layer -> [I, I] float64
    private Provenance statsUsed; // documents and tokens the second moments came from
    private NDManager traceTo; // when set, each batch's z, keys and updates are kept here
    private Trace lastTrace;

    /**
     * What the last batch computed, kept when {@link #traceTo} is set (the parity test reads it).
     *
     * @param zs [H, N] the optimised residuals at the last critical layer
     * @param keys layer -> [I, N] the keys, read after the layers below were updated
     * @param deltas layer -> [H, I] the update written
     */
    record Trace(NDArray zs, Map<Integer, NDArray> keys, Map<Integer, NDArray> deltas) {}

    /** Keeps each batch's {@link Trace} on {@code manager} from now on. */
    void traceTo(NDManager manager) {
        this.traceTo = manager;
    }

    Trace lastTrace() {
        return lastTrace;
    }

    MemitMethod(LanguageModel model, MemitHyperparameters hp) {
        this.hp = hp;
        this.state = model.manager().newSubManager();
    }

    @Override
    public String name() {
        return "memit";
    }

    /**
     * {@inheritDoc} MEMIT writes MLP matrices; its caches (templates, second moments) do not depend
     * on earlier edits.
     */
    @Override
    public boolean keepsStateInWeights() {
        return true;
    }

    @Override
    public AppliedEdit apply(LanguageModel model, List<EditRequest> batch) {
        EditTransaction.validate(name(), batch, true);
        List<MlpProjection> projs = new ArrayList<>();
        for (int l : hp.layers()) {
            projs.add(MlpProjection.of(model, l));
        }
        List<String> names = projs.stream().map(MlpProjection::weightName).toList();
        return EditTransaction.run(
                model,
                name(),
                names,
                () -> {
                    try (NDManager scope = state.newSubManager()) {
                        Map<String, Object> details = update(model, batch, projs, scope);
                        return new AppliedEdit(names, details);
                    }
                });
    }

    private Map<String, Object> update(
            LanguageModel model,
            List<EditRequest> batch,
            List<MlpProjection> projs,
            NDManager scope) {
        MemitSteps.Targets t = targets(model, batch, scope);
        if (traceTo != null) {
            lastTrace = new Trace(kept(t.zs()), new LinkedHashMap<>(), new LinkedHashMap<>());
        }
        Map<String, Object> details =
                insert(model, batch, projs, t.zs(), hp.mom2UpdateWeight(), scope);
        details.put("z_loss_mean", t.lossMean());
        details.put("second_moments", statsUsed.details());
        return details;
    }

    private MemitSteps.Targets targets(
            LanguageModel model, List<EditRequest> batch, NDManager scope) {
        Site zSite = Site.residPost(hp.layers().get(hp.layers().size() - 1));
        return MemitSteps.targets(model, zSite, batch, templates(model), hp.valueSettings(), scope);
    }

    /**
     * Spreads the residuals towards {@code zs} over the critical layers with update weight {@code
     * lambda}. Records each layer's update norm and {@code z_shift_reached}: the share of the
     * requested shift at the last critical layer that the updates achieved, 1 − ‖Z − Z₁‖ / ‖Z − Z₀‖
     * (how strongly λ·C holds the weights back).
     */
    private Map<String, Object> insert(
            LanguageModel model,
            List<EditRequest> batch,
            List<MlpProjection> projs,
            NDArray zs,
            double lambda,
            NDManager scope) {
        List<List<String>> groups = templates(model);
        Map<Integer, NDArray> cov = moments(model);
        List<Integer> layers = hp.layers();
        Site zSite = Site.residPost(layers.get(layers.size() - 1));
        FactToken fact = hp.valueSettings().factToken();
        Map<String, Object> details = new LinkedHashMap<>();
        double requested = Double.NaN;
        for (int i = 0; i < layers.size(); i++) {
            int layer = layers.get(i);
            NDArray ks = MemitSteps.keys(model, layer, groups, batch, fact, scope); // [I, N]
            NDArray cur = MemitSteps.current(model, zSite, batch, fact, scope); // [H, N]
            NDArray targets = zs.sub(cur); // [H, N]
            if (i == 0) {
                requested = norm(targets);
            }
            // λC lives in C's manager (the method's, kept between edits) unless moved to the scope
            NDArray lc = cov.get(layer).mul(Scalars.of(ks, lambda)); // [I, I]
            lc.attach(scope);
            NDArray a = lc.add(ks.matMul(ks.transpose())); // [I, I]
            NDArray adjK = a.inverse().matMul(ks); // [I, N]
            NDArray resid = Scalars.div(targets, layers.size() - i); // [H, N]
            NDArray upd = resid.matMul(adjK.transpose()); // [H, I]
            LOG.debug("memit layer {}: |targets| {}, |upd| {}", layer, norm(targets), norm(upd));
            if (traceTo != null) {
                lastTrace.keys().put(layer, kept(ks));
                lastTrace.deltas().put(layer, kept(upd));
            }
            details.put("upd_norm.layer" + layer, norm(upd));
            projs.get(i).addInPlace(model, upd.toType(model.dtype(), false));
        }
        NDArray reached = MemitSteps.current(model, zSite, batch, fact, scope); // [H, N]
        double shift = 1 - norm(zs.sub(reached)) / requested;
        details.put("z_shift_reached", shift);
        if (shift < 0.5) {
            long width = cov.get(layers.get(0)).getShape().get(0);
            LOG.warn(
                    "memit: the update delivered {} of the requested change at layer {}; "
                            + "mom2_update_weight {} may be too large for MLP keys {} wide (GPT-J's 15000 "
                            + "is for 16384; about 0.9 x width scales it)",
                    String.format("%.2f", shift),
                    layers.get(layers.size() - 1),
                    lambda,
                    width);
        }
        details.put("layers", layers);
        return details;
    }

    private NDArray kept(NDArray a) {
        NDArray c = a.duplicate();
        c.attach(traceTo);
        return c;
    }

    private static double norm(NDArray a) {
        return MemitSteps.norm(a);
    }

    private List<List<String>> templates(LanguageModel model) {
        if (templateGroups == null) {
            templateGroups =
                    MemitSteps.templateGroups(
                            model,
                            hp.contextTemplates(),
                            hp.contextLengthParams(),
                            hp.seed(),
                            hp.templateSampling());
            LOG.info("memit context templates: {}", templateGroups);
        }
        return templateGroups;
    }

    private Map<Integer, NDArray> moments(LanguageModel model) {
        if (moments == null) {
            String hash = model.weights().contentHash();
            SecondMoments stats =
                    SecondMomentStats.forLayers(model, hash, hp.layers(), hp.stats(), state);
            statsUsed = stats.provenance();
            moments = stats.float64(state);
        }
        return moments;
    }

    @Override
    public void close() {
        state.close();
    }
}
