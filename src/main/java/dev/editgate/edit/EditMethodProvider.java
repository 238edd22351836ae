package dev.editgate.edit;

import dev.editgate.model.LanguageModel;
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

    /** A method for {@code model} with the given hyperparameters (defaults filled in). */
    EditMethod create(LanguageModel model, Map<String, Object> hyperparameters);

    /**
     * Checks a suite's edit stream before a scenario with these hyperparameters edits anything;
     * throws {@link IllegalArgumentException} saying why the suite is invalid. Most methods accept
     * any stream; MEND refuses records its hypernetwork was trained on.
     */
    default void checkEdits(Map<String, Object> hyperparameters, List<EditRequest> edits) {}
}
