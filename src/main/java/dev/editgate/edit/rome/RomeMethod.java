package dev.editgate.edit.rome;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.ContextTemplates;
import dev.editgate.edit.EditException;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTransaction;
import dev.editgate.edit.FactToken;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.SubjectActivations;
import dev.editgate.edit.ValueOptimization;
import dev.editgate.edit.stats.Provenance;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.SecondMoments;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rank-One Model Editing (Meng et al. 2022). Each request of a batch is applied in turn to the MLP
 * output projection of one layer: {@code compute_u} (mean key over context templates, times C⁻¹),
 * {@code compute_v} ({@link ValueOptimization} at {@code Site.mlpOut}), then {@link RankOneUpdate}.
 * Context templates and C⁻¹ are computed once per method, from the model as it is at the first edit
 * (the pristine model in a scenario).
 */
final class RomeMethod implements EditMethod {
    private static final Logger LOG = LoggerFactory.getLogger(RomeMethod.class);

    private final RomeHyperparameters hp;
    private final String name;
    private final boolean prefixAveraged; // r-ROME: key and current output over the prefixes
    private final NDManager state;
    private List<String> templates;
    private NDArray inverseMoments; // [I, I] float64, or null before first use
    private Provenance statsUsed; // documents and tokens the second moments came from

    RomeMethod(LanguageModel model, RomeHyperparameters hp) {
        this(model, hp, "rome", false);
    }

    /**
     * @param name the method's name in suites and messages
     * @param prefixAveraged r-ROME (Gupta et al. 2024): the key k and the current output W k + b of
     *     the update are averaged over the context templates, as the left vector's key already is,
     *     instead of read at the plain prompt
     */
    RomeMethod(LanguageModel model, RomeHyperparameters hp, String name, boolean prefixAveraged) {
        this.hp = hp;
        this.name = name;
        this.prefixAveraged = prefixAveraged;
        this.state = model.manager().newSubManager();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@inheritDoc} ROME (and r-ROME) writes one MLP matrix; its caches (templates, C⁻¹) do not
     * depend on earlier edits.
     */
    @Override
    public boolean keepsStateInWeights() {
        return true;
    }

    @Override
    public AppliedEdit apply(LanguageModel model, List<EditRequest> batch) {
        EditTransaction.validate(name(), batch, true);
        MlpProjection proj = MlpProjection.of(model, hp.layer());
        return EditTransaction.run(
                model,
                name(),
                List.of(proj.weightName()),
                () -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    double lastLoss = Double.NaN;
                    double deltaNorm = 0;
                    for (int i = 0; i < batch.size(); i++) {
                        try (NDManager scope = state.newSubManager()) {
                            RomeUpdate u = computeUpdate(model, batch.get(i), scope);
                            if (!EditTransaction.finite(u.delta())) {
                                throw new EditException(
                                        name
                                                + ": request "
                                                + i
                                                + " (\""
                                                + batch.get(i).prompt()
                                                + "\") gave a non-finite update; the model was restored");
                            }
                            proj.addInPlace(model, u.delta());
                            lastLoss = u.loss();
                            deltaNorm =
                                    u.delta().norm().toType(DataType.FLOAT64, false).getDouble();
                        }
                    }
                    details.put("layer", hp.layer());
                    details.put("v_loss", lastLoss);
                    details.put("delta_norm", deltaNorm);
                    if (statsUsed != null) {
                        details.put("second_moments", statsUsed.details());
                    }
                    return new AppliedEdit(List.of(proj.weightName()), details);
                });
    }

    /** The update for one request against the model as it is now, without writing it. */
    RomeUpdate computeUpdate(LanguageModel model, EditRequest request, NDManager out) {
        MlpProjection.of(model, hp.layer());
        List<String> ctx = templates(model);
        int layer = hp.layer();
        FactToken fact = hp.valueSettings().factToken();
        NDArray keyMean =
                SubjectActivations.meanOverTemplates(
                        model, Site.mlpKey(layer), ctx, request, fact, out); // [I]
        NDArray left =
                RankOneUpdate.leftVector(keyMean, hp.mom2Adjustment() ? inverse(model) : null);
        ValueOptimization.Result v =
                ValueOptimization.optimise(
                        model, Site.mlpOut(layer), request, ctx, hp.valueSettings(), out);
        NDArray key;
        NDArray current;
        if (prefixAveraged) {
            key = keyMean; // [I]
            current =
                    SubjectActivations.meanOverTemplates(
                            model, Site.mlpOut(layer), ctx, request, fact, out); // [H]
        } else {
            List<String> prompt = List.of(request.prompt());
            List<String> subject = List.of(request.subject());
            key =
                    SubjectActivations.at(model, Site.mlpKey(layer), prompt, subject, fact, out)
                            .reshape(-1); // [I]
            current =
                    SubjectActivations.at(model, Site.mlpOut(layer), prompt, subject, fact, out)
                            .reshape(-1); // [H]
        }
        NDArray delta = RankOneUpdate.delta(left, key, current, v.target()); // [H, I]
        LOG.debug(
                "{} layer {}: \"{}\" -> \"{}\", loss {}, |dW| {}",
                name,
                layer,
                request.prompt(),
                request.target(),
                v.loss(),
                delta.norm().toType(DataType.FLOAT64, false).getDouble());
        return new RomeUpdate(keyMean, key, left, v.target(), current, delta, v.loss());
    }

    private List<String> templates(LanguageModel model) {
        if (templates == null) {
            templates =
                    hp.contextTemplates() != null
                            ? ContextTemplates.fixed(hp.contextTemplates())
                            : ContextTemplates.generate(
                                    model,
                                    hp.contextLengthParams(),
                                    hp.seed(),
                                    hp.templateSampling());
            LOG.info("{} context templates: {}", name, templates);
        }
        return templates;
    }

    private NDArray inverse(LanguageModel model) {
        if (inverseMoments == null) {
            String hash = model.weights().contentHash();
            SecondMoments m =
                    SecondMomentStats.forLayers(
                            model, hash, List.of(hp.layer()), hp.stats(), state);
            statsUsed = m.provenance();
            inverseMoments = SecondMomentStats.inverse(m.of(hp.layer()));
            inverseMoments.attach(state);
        }
        return inverseMoments;
    }

    @Override
    public void close() {
        state.close();
    }
}
