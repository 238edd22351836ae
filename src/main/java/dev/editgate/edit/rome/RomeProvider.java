package dev.editgate.edit.rome;

import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.StatsSpec;
import dev.editgate.model.LanguageModel;
import dev.editgate.text.TextSpan;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code method: rome}. Hyperparameters: {@link RomeHyperparameters}. */
public final class RomeProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "rome";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return RomeHyperparameters.KEYS;
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        validate(hyperparameters, EditEnvironment.defaults());
    }

    @Override
    public void validate(Map<String, Object> hyperparameters, EditEnvironment environment) {
        RomeHyperparameters.from(resolve(hyperparameters, environment));
    }

    /** The statistics corpus (its {@code mom2_documents}) when {@code mom2_adjustment} is on. */
    @Override
    public List<TextSpan> statisticsTexts(
            Map<String, Object> hyperparameters, EditEnvironment environment) {
        Hyperparameters h = resolve(hyperparameters, environment);
        if (!h.getBoolean("mom2_adjustment")) {
            return List.of();
        }
        return SecondMomentStats.texts(StatsSpec.from(h), "second moments");
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        return create(model, hyperparameters, (EditContext) null);
    }

    @Override
    public EditMethod create(
            LanguageModel model, Map<String, Object> hyperparameters, EditContext context) {
        EditEnvironment environment =
                context == null ? EditEnvironment.defaults() : context.environment();
        return new RomeMethod(
                model, RomeHyperparameters.from(resolve(hyperparameters, environment)));
    }

    /**
     * A ROME method under another name; with {@code prefixAveraged}, r-ROME's update (see {@code
     * dev.editgate.edit.rrome}).
     */
    public static EditMethod create(
            LanguageModel model, RomeHyperparameters hp, String name, boolean prefixAveraged) {
        return new RomeMethod(model, hp, name, prefixAveraged);
    }

    static Hyperparameters resolve(Map<String, Object> values, EditEnvironment environment) {
        return Hyperparameters.resolve(
                "rome",
                RomeHyperparameters.DEFAULTS,
                values,
                RomeHyperparameters.KEYS,
                environment);
    }
}
