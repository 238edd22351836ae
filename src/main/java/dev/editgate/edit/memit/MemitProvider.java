package dev.editgate.edit.memit;

import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.model.LanguageModel;
import java.util.Map;
import java.util.Set;

/** {@code method: memit}. Hyperparameters: {@link MemitHyperparameters}. */
public final class MemitProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "memit";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return MemitHyperparameters.KEYS;
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        MemitHyperparameters.from(resolve(hyperparameters));
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        return new MemitMethod(model, MemitHyperparameters.from(resolve(hyperparameters)));
    }

    static Hyperparameters resolve(Map<String, Object> values) {
        return Hyperparameters.resolve(
                "memit", MemitHyperparameters.DEFAULTS, values, MemitHyperparameters.KEYS);
    }
}
