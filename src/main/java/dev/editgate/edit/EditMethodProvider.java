package dev.editgate.edit;

import dev.editgate.model.LanguageModel;
import dev.editgate.text.TextSpan;
import java.nio.file.Path;
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
     * check that no capability measures on it. Called after {@link #validate}, in the same
     * environment; empty by default.
     */
    default List<TextSpan> statisticsTexts(
            Map<String, Object> hyperparameters, EditEnvironment environment) {
        return List.of();
    }

    /** A method for {@code model} with the given hyperparameters (defaults filled in). */
    EditMethod create(LanguageModel model, Map<String, Object> hyperparameters);

    /**
     * Checks a suite's edit stream before a scenario with these hyperparameters edits anything;
     * throws {@link IllegalArgumentException} saying why the suite is invalid. Most methods accept
     * any stream; MEND refuses records its hypernetwork was trained on.
     *
     * @param suiteDir the suite file's folder, against which relative paths resolve
     */
    default void checkEdits(
            Map<String, Object> hyperparameters, List<EditRequest> edits, Path suiteDir) {}

    /**
     * As {@link #validate(Map)}, with presets and variables resolved in {@code environment} (the
     * engine's settings). The engine calls this one; the default ignores the environment.
     */
    default void validate(Map<String, Object> hyperparameters, EditEnvironment environment) {
        validate(hyperparameters);
    }

    /**
     * Whether any hyperparameter key is accepted and passed through unchecked ({@code method:
     * external} hands them to its worker); {@link #hyperparameterKeys()} is then not enforced.
     */
    default boolean freeFormHyperparameters() {
        return false;
    }

    /**
     * Keys the method accepts beside {@code hparams} in a scenario ({@code command}, {@code
     * timeout_s} for {@code method: external}); none by default.
     */
    default Set<String> settingKeys() {
        return Set.of();
    }

    /**
     * Checks scenario settings without starting anything.
     *
     * @param settings the keys of {@link #settingKeys()} present in the scenario, variables
     *     expanded
     * @param suiteDir the suite file's folder, against which relative paths resolve
     * @return the problems, by the setting key they belong to (empty when all is well)
     */
    default Map<String, String> checkSettings(Map<String, Object> settings, Path suiteDir) {
        return Map.of();
    }

    /**
     * A method for {@code model}, knowing where it runs. The engine calls this one; the default
     * ignores the context.
     */
    default EditMethod create(
            LanguageModel model, Map<String, Object> hyperparameters, EditContext context) {
        return create(model, hyperparameters);
    }
}
