package dev.editgate.edit.alphaedit;

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

/** {@code method: alphaedit}. Hyperparameters: {@link AlphaEditHyperparameters}. */
public final class AlphaEditProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "alphaedit";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return AlphaEditHyperparameters.KEYS;
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        validate(hyperparameters, EditEnvironment.defaults());
    }

    @Override
    public void validate(Map<String, Object> hyperparameters, EditEnvironment environment) {
        AlphaEditHyperparameters.from(resolve(hyperparameters, environment));
    }

    /** The statistics corpus the null-space projector comes from. */
    @Override
    public List<TextSpan> statisticsTexts(
            Map<String, Object> hyperparameters, EditEnvironment environment) {
        return SecondMomentStats.texts(
                StatsSpec.from(resolve(hyperparameters, environment)), "second moments");
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
        return new AlphaEditMethod(
                model, AlphaEditHyperparameters.from(resolve(hyperparameters, environment)));
    }

    static Hyperparameters resolve(Map<String, Object> values, EditEnvironment environment) {
        return Hyperparameters.resolve(
                "alphaedit",
                AlphaEditHyperparameters.DEFAULTS,
                values,
                AlphaEditHyperparameters.KEYS,
                environment);
    }
}
