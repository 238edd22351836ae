package dev.editgate.edit;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the engine knows about the place a method runs in, beyond the model and its hyperparameters:
 * where the model came from, where the method may write, and the method's own scenario settings
 * (those {@link EditMethodProvider#settingKeys()} names). Methods running in the JVM ignore it;
 * {@code method: external} starts its worker from it.
 *
 * @param label the scenario as {@code suite/scenario}, for messages and logs
 * @param modelPath the Hugging Face folder the model was loaded from
 * @param dtype the dtype the model was loaded with ({@code float32}, ...)
 * @param device the device the suite asked for ({@code auto}, {@code cpu}, {@code cuda:1}, ...)
 * @param modelHash content hash of the pristine weights
 * @param suiteDir the folder of the suite file: relative settings resolve against it
 * @param workDir a folder of this run reserved for the scenario (may not exist yet)
 * @param settings the method's scenario-level settings, variables expanded
 * @param environment where presets, variables and caches come from (the engine's settings)
 */
public record EditContext(
        String label,
        Path modelPath,
        String dtype,
        String device,
        String modelHash,
        Path suiteDir,
        Path workDir,
        Map<String, Object> settings,
        EditEnvironment environment) {

    public EditContext {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        environment = environment == null ? EditEnvironment.defaults() : environment;
    }

    /**
     * A context for a method used outside the engine (benchmarks, tests): only the environment, no
     * scenario, model folder or work folder.
     */
    public static EditContext outsideEngine(EditEnvironment environment) {
        return new EditContext(null, null, null, null, null, null, null, Map.of(), environment);
    }

    /** A context in the default environment ({@link EditEnvironment#defaults()}). */
    public EditContext(
            String label,
            Path modelPath,
            String dtype,
            String device,
            String modelHash,
            Path suiteDir,
            Path workDir,
            Map<String, Object> settings) {
        this(label, modelPath, dtype, device, modelHash, suiteDir, workDir, settings, null);
    }
}
