package dev.editgate.edit.ft;

import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.model.LanguageModel;
import java.util.Map;
import java.util.Set;

/** {@code method: ft} (FT-L). Hyperparameters: {@link FtHyperparameters}. */
public final class FtProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "ft";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return FtHyperparameters.KEYS;
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        validate(hyperparameters, EditEnvironment.defaults());
    }

    @Override
    public void validate(Map<String, Object> hyperparameters, EditEnvironment environment) {
        FtHyperparameters.from(resolve(hyperparameters, environment));
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
        return new FtMethod(FtHyperparameters.from(resolve(hyperparameters, environment)));
    }

    static Hyperparameters resolve(Map<String, Object> values, EditEnvironment environment) {
        return Hyperparameters.resolve(
                "ft", FtHyperparameters.DEFAULTS, values, FtHyperparameters.KEYS, environment);
    }
}
