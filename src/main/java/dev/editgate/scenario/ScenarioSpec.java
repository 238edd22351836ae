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
 * @param batchSize the scenario's own {@code batch_size}, or null for the suite's {@code
 *     edits.batch_size}
 * @param matrix the matrix entry this scenario was expanded from, or null for a hand-written one
 * @param model the model this scenario runs on when the suite's {@code model} has a {@code
 *     matrix:}, or null for the suite's one model
 */
public record ScenarioSpec(
        String id,
        String method,
        Map<String, Object> hparams,
        SourcePosition position,
        Map<String, Object> settings,
        Integer batchSize,
        MatrixPoint matrix,
        ModelSpec model) {

    public ScenarioSpec {
        hparams = YamlValues.immutableCopy(hparams);
        settings = YamlValues.immutableCopy(settings);
    }

    /** A scenario on the suite's one model. */
    public ScenarioSpec(
            String id,
            String method,
            Map<String, Object> hparams,
            SourcePosition position,
            Map<String, Object> settings,
            Integer batchSize,
            MatrixPoint matrix) {
        this(id, method, hparams, position, settings, batchSize, matrix, null);
    }

    /** A hand-written scenario with the suite's batch size. */
    public ScenarioSpec(
            String id,
            String method,
            Map<String, Object> hparams,
            SourcePosition position,
            Map<String, Object> settings) {
        this(id, method, hparams, position, settings, null, null);
    }

    /** A scenario without method settings. */
    public ScenarioSpec(
            String id, String method, Map<String, Object> hparams, SourcePosition position) {
        this(id, method, hparams, position, Map.of());
    }

    /** How many edits one call to the method writes: its own, else {@code suiteBatchSize}. */
    public int batchSize(int suiteBatchSize) {
        return batchSize != null ? batchSize : suiteBatchSize;
    }
}
