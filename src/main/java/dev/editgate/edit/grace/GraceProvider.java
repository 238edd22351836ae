package dev.editgate.edit.grace;

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
        GraceHyperparameters.from(resolve(hyperparameters));
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        return new GraceMethod(model, GraceHyperparameters.from(resolve(hyperparameters)));
    }

    static Hyperparameters resolve(Map<String, Object> values) {
        return Hyperparameters.resolve(
                "grace", GraceHyperparameters.DEFAULTS, values, GraceHyperparameters.KEYS);
    }
}
