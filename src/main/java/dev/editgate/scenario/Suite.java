package dev.editgate.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed, validated suite file: a model, a stream of edits, the checkpoints along it, the editing
 * scenarios and the capabilities each checkpoint measures.
 *
 * @param id the suite's id (key {@code suite}); unique across the run
 * @param description what the suite gates, in words (key {@code description}); empty when absent
 * @param file the suite file
 * @param position the place of the {@code suite} key
 * @param model the model edited; with a model {@code matrix:}, its first model (each scenario names
 *     its own: {@link #modelOf})
 * @param edits the edit stream
 * @param checkpoints strictly increasing, each at most {@code edits.take()}
 * @param scenarios the editing methods, each from pristine weights
 * @param capabilities what is measured at every checkpoint
 * @param tags suite tags, added to every test
 */
public record Suite(
        String id,
        String description,
        Path file,
        SourcePosition position,
        ModelSpec model,
        EditStreamSpec edits,
        List<Checkpoint> checkpoints,
        List<ScenarioSpec> scenarios,
        List<CapabilitySpec> capabilities,
        List<String> tags) {

    public Suite {
        description = description == null ? "" : description.strip();
        checkpoints = List.copyOf(checkpoints);
        scenarios = List.copyOf(scenarios);
        capabilities = List.copyOf(capabilities);
        tags = List.copyOf(tags);
    }

    /** The model {@code scenario} runs on: its own (a model {@code matrix:}) or the suite's. */
    public ModelSpec modelOf(ScenarioSpec scenario) {
        return scenario.model() != null ? scenario.model() : model;
    }

    /** Whether the suite's model has a {@code matrix:}: its scenarios run on several models. */
    public boolean hasModelMatrix() {
        return scenarios.stream().anyMatch(s -> s.model() != null);
    }

    /** The folder relative paths of the suite resolve against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }
}
