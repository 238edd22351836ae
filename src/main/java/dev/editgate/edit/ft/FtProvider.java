package dev.editgate.edit.ft;

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
        FtHyperparameters.from(resolve(hyperparameters));
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        return new FtMethod(FtHyperparameters.from(resolve(hyperparameters)));
    }

    static Hyperparameters resolve(Map<String, Object> values) {
        return Hyperparameters.resolve(
                "ft", FtHyperparameters.DEFAULTS, values, FtHyperparameters.KEYS);
    }
}
