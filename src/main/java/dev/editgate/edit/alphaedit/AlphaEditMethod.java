package dev.editgate.edit.alphaedit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTransaction;
import dev.editgate.edit.FactToken;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.memit.MemitSteps;
import dev.editgate.edit.stats.Provenance;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.SecondMoments;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.nn.Scalars;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AlphaEdit (Fang et al., ICLR 2025), as EasyEdit's {@code execute_AlphaEdit} (the port of
 * jianghoucheng/AlphaEdit):
 *
 * <ol>
 *   <li>MEMIT's z at the last critical layer and keys at each critical layer ({@link MemitSteps});
 *   <li>per critical layer, once: P = the projector onto the eigenvectors of K₀K₀ᵀ with eigenvalues
 *       below {@code nullspace_threshold} ({@link NullSpaceProjector});
 *   <li>for each critical layer l in order: R = (Z − current residual at L) / (layers left), and
 *       ΔWᵀ = (P (K Kᵀ + K_p K_pᵀ) + α I)⁻¹ P K Rᵀ [I, H], written before the next layer's keys are
 *       read;
 *   <li>afterwards K_p K_pᵀ += K Kᵀ with every layer's keys read again from the edited model.
 * </ol>
 *
 * The accumulated K_p K_pᵀ belongs to the weights the earlier edits left: when the edited matrices
 * no longer hash to what this method's last edit left (the model was restored, or something else
 * wrote them), it starts again from zero, as the reference's {@code reset_cache}.
 */
final class AlphaEditMethod implements EditMethod {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaEditMethod.class);

    private final AlphaEditHyperparameters hp;
    private final NDManager state;
    private List<List<String>> templateGroups;
    private final Map<Integer, NDArray> givenMoments; // layer -> K0 K0^T / n [I, I] f64, or null
    private Provenance statsUsed; // null when the moments were given
    private Map<Integer, NullSpaceProjector> projectors; // layer -> P
    private Map<Integer, NDArray> previous = new LinkedHashMap<>(); // layer -> Kp Kp^T [I, I] f64
    private String lastHash; // hash of the edited matrices after the last edit

    AlphaEditMethod(LanguageModel model, AlphaEditHyperparameters hp) {
        this(model, hp, null);
    }

    /**
     * With {@code givenMoments} (layer → K₀K₀ᵀ/n, float64, attached to the caller), statistics are
     * not collected: the parity test hands both sides the reference's own.
     */
    AlphaEditMethod(
            LanguageModel model, AlphaEditHyperparameters hp, Map<Integer, NDArray> givenMoments) {
        this.hp = hp;
        this.state = model.manager().newSubManager();
        this.givenMoments = givenMoments;
    }

    @Override
    public String name() {
        return "alphaedit";
    }

    @Override
    public AppliedEdit apply(LanguageModel model, List<EditRequest> batch) {
        EditTransaction.validate(name(), batch, true);
        List<MlpProjection> projs = new ArrayList<>();
        for (int l : hp.layers()) {
            projs.add(MlpProjection.of(model, l));
        }
        List<String> names = projs.stream().map(MlpProjection::weightName).toList();
        Map<Integer, NDArray> nextPrevious = new LinkedHashMap<>();
        AppliedEdit applied;
        try {
            applied =
                    EditTransaction.run(
                            model,
                            name(),
                            names,
                            () -> {
                                try (NDManager scope = state.newSubManager()) {
                                    Map<String, Object> details =
                                            update(model, batch, projs, nextPrevious, scope);
                                    return new AppliedEdit(names, details);
                                }
                            });
        } catch (RuntimeException e) {
            nextPrevious.values().forEach(NDArray::close);
            throw e;
        }
        previous.values().forEach(NDArray::close);
        previous = nextPrevious;
        lastHash = hashOf(model, names);
        return applied;
    }

    /** The projector of {@code layer} (computed on first use), for tests and details. */
    NullSpaceProjector projector(LanguageModel model, int layer) {
        return projectors(model).get(layer);
    }

    /** K_p K_pᵀ of {@code layer} as the last edit left it, or null before any edit. */
    NDArray previousKeys(int layer) {
        return previous.get(layer);
    }

    private Map<String, Object> update(
            LanguageModel model,
            List<EditRequest> batch,
            List<MlpProjection> projs,
            Map<Integer, NDArray> nextPrevious,
            NDManager scope) {
        List<Integer> layers = hp.layers();
        List<List<String>> groups = templates(model);
        Map<Integer, NullSpaceProjector> ps = projectors(model);
        if (lastHash != null && !lastHash.equals(hashOf(model, names(projs)))) {
            LOG.info("alphaedit: the edited matrices changed since the last edit; K_p reset");
            previous.values().forEach(NDArray::close);
            previous = new LinkedHashMap<>();
        }
        Site zSite = Site.residPost(layers.get(layers.size() - 1));
        FactToken fact = hp.valueSettings().factToken();
        MemitSteps.Targets t =
                MemitSteps.targets(model, zSite, batch, groups, hp.valueSettings(), scope);
        NDArray zs = t.zs(); // [H, N]
        Map<String, Object> details = new LinkedHashMap<>();
        double requested = Double.NaN;
        for (int i = 0; i < layers.size(); i++) {
            int layer = layers.get(i);
            NDArray ks = MemitSteps.keys(model, layer, groups, batch, fact, scope); // [I, N]
            NDArray cur = MemitSteps.current(model, zSite, batch, fact, scope); // [H, N]
            NDArray targets = zs.sub(cur); // [H, N]
            if (i == 0) {
                requested = MemitSteps.norm(targets);
            }
            NDArray resid = Scalars.div(targets, layers.size() - i); // [H, N]
            NDArray upd =
                    solve(ps.get(layer).matrix(), ks, previous.get(layer), resid, hp.l2(), scope);
            details.put("upd_norm.layer" + layer, MemitSteps.norm(upd));
            details.put("null_space_rank.layer" + layer, ps.get(layer).rank());
            LOG.debug(
                    "alphaedit layer {}: |targets| {}, |upd| {}",
                    layer,
                    MemitSteps.norm(targets),
                    MemitSteps.norm(upd));
            projs.get(i).addInPlace(model, upd.toType(model.dtype(), false));
        }
        NDArray reached = MemitSteps.current(model, zSite, batch, fact, scope); // [H, N]
        details.put("z_shift_reached", 1 - MemitSteps.norm(zs.sub(reached)) / requested);
        details.put("z_loss_mean", t.lossMean());
        // the keys of this batch join the preserved ones, read from the edited model
        for (int layer : layers) {
            NDArray ks = MemitSteps.keys(model, layer, groups, batch, fact, scope); // [I, N]
            NDArray kk = ks.matMul(ks.transpose()); // [I, I]
            NDArray prev = previous.get(layer);
            NDArray sum = prev == null ? kk : kk.add(prev);
            sum.attach(state);
            nextPrevious.put(layer, sum);
        }
        details.put("layers", layers);
        if (statsUsed != null) {
            details.put("second_moments", statsUsed.details());
        }
        return details;
    }

    /**
     * AlphaEdit's solve for one layer: ΔWᵀ = (P (K Kᵀ + K_p K_pᵀ) + α I)⁻¹ P K Rᵀ, returned as ΔW
     * [H, I] (out, in).
     *
     * @param p [I, I] the null-space projector
     * @param ks [I, N] the keys of the batch
     * @param previous [I, I] K_p K_pᵀ of earlier edits, or null for none
     * @param resid [H, N] the share of the residual this layer takes
     * @param l2 α
     */
    static NDArray solve(
            NDArray p, NDArray ks, NDArray previous, NDArray resid, double l2, NDManager scope) {
        long width = p.getShape().get(0);
        NDArray kk = ks.matMul(ks.transpose()); // [I, I]
        kk.attach(scope);
        if (previous != null) {
            kk = kk.add(previous);
        }
        NDArray eye = scope.eye((int) width).toType(DataType.FLOAT64, false); // [I, I]
        // a result lives in its first operand's manager: P (the method's, kept between edits)
        // first would leave every product of every edit there, [I, I] float64 each
        NDArray pkk = p.matMul(kk); // [I, I]
        pkk.attach(scope);
        NDArray a = pkk.add(Scalars.mul(eye, l2)); // [I, I]
        NDArray pk = p.matMul(ks); // [I, N]
        pk.attach(scope);
        NDArray b = pk.matMul(resid.transpose()); // [I, H]
        NDArray updT = a.inverse().matMul(b); // [I, H]
        return updT.transpose(); // [H, I]
    }

    private static List<String> names(List<MlpProjection> projs) {
        return projs.stream().map(MlpProjection::weightName).toList();
    }

    /** SHA-256 of the edited matrices (cheaper than the whole model's content hash). */
    private static String hashOf(LanguageModel model, List<String> names) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String n : names) {
            NDArray w = model.weights().get(n);
            digest.update(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (NDArray f = w.toType(DataType.FLOAT32, true)) {
                digest.update(ByteBuffer.wrap(f.toByteArray()));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
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
            LOG.info("alphaedit context templates: {}", templateGroups);
        }
        return templateGroups;
    }

    private Map<Integer, NullSpaceProjector> projectors(LanguageModel model) {
        if (projectors != null) {
            return projectors;
        }
        // the second moments (float32 and their float64 copies) are needed only to build P: on a
        // 7B model they take 1.5 GB per layer, so they are freed once the projectors are built
        try (NDManager scratch = state.newSubManager()) {
            Map<Integer, NDArray> m = givenMoments != null ? givenMoments : moments(model, scratch);
            List<NDArray> ordered = new ArrayList<>();
            for (int layer : hp.layers()) {
                NDArray c = m.get(layer);
                if (c == null) {
                    throw new IllegalStateException("no second moment for layer " + layer);
                }
                ordered.add(c);
            }
            List<NullSpaceProjector> built =
                    NullSpaceProjector.ofAll(ordered, hp.nullspaceThreshold(), state);
            Map<Integer, NullSpaceProjector> out = new LinkedHashMap<>();
            for (int i = 0; i < built.size(); i++) {
                int layer = hp.layers().get(i);
                NDArray c = ordered.get(i);
                NullSpaceProjector p = built.get(i);
                LOG.info(
                        "alphaedit layer {}: null space of {} of {} key directions (eigenvalues"
                                + " below {}; largest kept {}, smallest dropped {})",
                        layer,
                        p.rank(),
                        c.getShape().get(0),
                        hp.nullspaceThreshold(),
                        p.largestKept(),
                        p.smallestDropped());
                if (p.rank() == 0) {
                    LOG.warn(
                            "alphaedit layer {}: no eigenvalue of the key second moment is below"
                                    + " nullspace_threshold {} (smallest {}); P = 0 and the layer"
                                    + " is not edited",
                            layer,
                            hp.nullspaceThreshold(),
                            p.smallest());
                }
                out.put(layer, p);
            }
            projectors = out;
        }
        return projectors;
    }

    private Map<Integer, NDArray> moments(LanguageModel model, NDManager scratch) {
        String hash = model.weights().contentHash();
        SecondMoments stats =
                SecondMomentStats.forLayers(model, hash, hp.layers(), hp.stats(), scratch);
        statsUsed = stats.provenance();
        return stats.float64(scratch);
    }

    @Override
    public void close() {
        state.close();
    }
}
