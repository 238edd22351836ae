package dev.editgate.edit.grace;

import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.model.LanguageModel;
import java.util.Map;
import java.util.Set;

/** {@code method: grace}. Hyperparameters: {@link GraceHyperparameters}. */
public final class GraceProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "grace";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return GraceHyperparameters.KEYS;
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        validate(hyperparameters, EditEnvironment.defaults());
    }

    @Override
    public void validate(Map<String, Object> hyperparameters, EditEnvironment environment) {
        GraceHyperparameters.from(resolve(hyperparameters, environment));
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
        return new GraceMethod(
                model, GraceHyperparameters.from(resolve(hyperparameters, environment)));
    }

    static Hyperparameters resolve(Map<String, Object> values, EditEnvironment environment) {
        return Hyperparameters.resolve(
                "grace",
                GraceHyperparameters.DEFAULTS,
                values,
                GraceHyperparameters.KEYS,
                environment);
    }
}
