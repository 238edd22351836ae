package dev.editgate.scenario;

import java.util.Map;

/**
 * One editing method with its hyperparameters, run over the suite's edit stream.
 *
 * @param id unique within the suite; part of test ids
 * @param method the method's name ({@code rome}, {@code grace}, ...)
 * @param hparams hyperparameters: those of {@code hparams_file}, overridden by inline ones
 * @param position where the scenario starts in the suite file
 * @param settings the method's own scenario keys beside {@code hparams} ({@code command}, {@code
 *     timeout_s} of {@code method: external}); empty for most methods
 */
public record ScenarioSpec(
        String id,
        String method,
        Map<String, Object> hparams,
        SourcePosition position,
        Map<String, Object> settings) {

    public ScenarioSpec {
        hparams = YamlValues.immutableCopy(hparams);
        settings = YamlValues.immutableCopy(settings);
    }

    /** A scenario without method settings. */
    public ScenarioSpec(
            String id, String method, Map<String, Object> hparams, SourcePosition position) {
        this(id, method, hparams, position, Map.of());
    }
}
