package dev.editgate.scenario;

import java.util.Map;

/**
 * One editing method with its hyperparameters, run over the suite's edit stream.
 *
 * @param id unique within the suite; part of test ids
 * @param method the method's name ({@code rome}, {@code grace}, ...)
 * @param hparams hyperparameters: those of {@code hparams_file}, overridden by inline ones
 * @param position where the scenario starts in the suite file
 */
public record ScenarioSpec(
        String id, String method, Map<String, Object> hparams, SourcePosition position) {

    public ScenarioSpec {
        hparams = YamlValues.immutableCopy(hparams);
    }
}
