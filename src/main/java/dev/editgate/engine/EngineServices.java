package dev.editgate.engine;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.scenario.ModelSpec;
import java.util.function.Function;

/**
 * What the engine calls out to: model loading, edit dataset reading, pristine locality tokens, and
 * a progress listener, a listener for the suites discovered. {@link #defaults()} is what the
 * ServiceLoader-created engine uses; the CLI adds its progress bar, tests may read edits from their
 * own fixtures.
 */
public record EngineServices(
        Function<ModelSpec, LanguageModel> modelLoader,
        EditStreamLoader editLoader,
        PristineLocalitySource pristineLocality,
        ProgressListener progress,
        SuiteListener suites) {

    /** {@link Models#load}, the edit package's dataset readers, the edit metrics, no listeners. */
    public static EngineServices defaults() {
        return new EngineServices(
                spec -> Models.load(spec.path(), spec.dtype(), spec.device()),
                EditStreamLoader.editDatasets(),
                PristineLocalitySource.editMetrics(),
                ProgressListener.NONE,
                SuiteListener.NONE);
    }

    public EngineServices withProgress(ProgressListener listener) {
        return new EngineServices(modelLoader, editLoader, pristineLocality, listener, suites);
    }

    public EngineServices withEditLoader(EditStreamLoader loader) {
        return new EngineServices(modelLoader, loader, pristineLocality, progress, suites);
    }

    public EngineServices withSuiteListener(SuiteListener listener) {
        return new EngineServices(modelLoader, editLoader, pristineLocality, progress, listener);
    }
}
