package dev.editgate.edit;

import dev.editgate.model.LanguageModel;
import dev.editgate.text.TextSpan;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates an {@link EditMethod} from hyperparameters written in YAML. Providers are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.editgate.edit.EditMethodProvider}).
 */
public interface EditMethodProvider {

    /** Name used in suites. */
    String name();

    /** Every hyperparameter key accepted, for validation and completion. */
    Set<String> hyperparameterKeys();

    /**
     * Checks hyperparameters without a model; throws {@link IllegalArgumentException} naming the
     * key, the value and what is accepted.
     */
    void validate(Map<String, Object> hyperparameters);

    /**
     * The text this method fits anything on (ROME's and MEMIT's second moments), for a suite's
     * check that no capability measures on it. Called after {@link #validate}; empty by default.
     */
    default List<TextSpan> statisticsTexts(Map<String, Object> hyperparameters) {
        return List.of();
    }

    /** A method for {@code model} with the given hyperparameters (defaults filled in). */
    EditMethod create(LanguageModel model, Map<String, Object> hyperparameters);
}
