package dev.editgate.engine;

import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.scenario.ScenarioSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What keys a scenario's measurements across runs: its hyperparameters as the suite writes them
 * and, when they select a {@code preset} or an {@code hparams_file}, that file's content. Editing a
 * preset is then a new configuration, and a resumed run measures it again instead of reusing what
 * the old preset produced. (A scenario-level {@code hparams_file} is merged into the
 * hyperparameters by the suite parser, so its content is covered already.)
 */
final class HparamsHash {
    private HparamsHash() {}

    /** 16 hex digits; the same as the hyperparameters' own hash when no file is selected. */
    static String of(ScenarioSpec scenario, EditEnvironment environment) {
        if (scenario.batchSize() != null) { // the scenario's own batch size is part of it
            Map<String, Object> keyed = new TreeMap<>();
            keyed.put("batch_size", scenario.batchSize());
            keyed.put("configuration", withoutBatchSize(scenario, environment));
            return BaselineStore.hash(keyed);
        }
        return withoutBatchSize(scenario, environment);
    }

    private static String withoutBatchSize(ScenarioSpec scenario, EditEnvironment environment) {
        Optional<Path> file = selectedFile(scenario, environment);
        if (file.isEmpty()) {
            return BaselineStore.hash(scenario.hparams());
        }
        String content;
        try {
            content = Files.readString(file.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "scenario " + scenario.id() + ": cannot read " + file.get(), e);
        }
        Map<String, Object> keyed = new TreeMap<>();
        keyed.put("hparams", new TreeMap<>(scenario.hparams()));
        keyed.put("file_content", content);
        return BaselineStore.hash(keyed);
    }

    private static Optional<Path> selectedFile(ScenarioSpec scenario, EditEnvironment environment) {
        try {
            return Hyperparameters.selectedFile(
                            scenario.method(), scenario.hparams(), environment.presetsRoot())
                    .filter(Files::isRegularFile);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a preset of ours (validation reported it if it matters)
        }
    }
}
