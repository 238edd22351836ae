package dev.editgate.edit.external;

import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.model.LanguageModel;
import dev.editgate.text.TextSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code method: external}: an editor in another process (typically Python, e.g. EasyEdit), started
 * once per scenario from the scenario keys {@code command}, {@code workdir}, {@code env}, {@code
 * timeout_s} ({@link WorkerSettings}); the scenario's {@code hparams} are free-form and passed to
 * the worker unchanged.
 */
public final class ExternalProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "external";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return Set.of();
    }

    @Override
    public boolean freeFormHyperparameters() {
        return true;
    }

    @Override
    public Set<String> settingKeys() {
        return WorkerSettings.KEYS;
    }

    @Override
    public Map<String, String> checkSettings(Map<String, Object> settings, Path suiteDir) {
        return WorkerSettings.check(settings, suiteDir);
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        // free-form: the worker checks its own hyperparameters when it loads
    }

    /**
     * A local {@code mom2_dataset} file, whole: the EasyEdit worker reads its statistics from it
     * when it exists, so no capability of the suite may measure on it.
     */
    @Override
    public List<TextSpan> statisticsTexts(
            Map<String, Object> hyperparameters, EditEnvironment environment) {
        Object corpus = hyperparameters.get("mom2_dataset");
        if (corpus == null || !Files.exists(Path.of(String.valueOf(corpus)))) {
            return List.of();
        }
        return List.of(
                TextSpan.whole(
                        Path.of(String.valueOf(corpus)),
                        "second moments in the worker: documents all"));
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        throw new IllegalStateException(
                "method external needs its scenario settings (command, ...): create it with an"
                        + " EditContext");
    }

    @Override
    public EditMethod create(
            LanguageModel model, Map<String, Object> hyperparameters, EditContext context) {
        WorkerSettings settings = WorkerSettings.from(context.settings(), context.suiteDir());
        return new ExternalMethod(model, hyperparameters, context, settings);
    }
}
