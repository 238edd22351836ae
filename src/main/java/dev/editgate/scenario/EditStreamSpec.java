package dev.editgate.scenario;

import java.nio.file.Path;

/**
 * The facts a suite edits in, one after another.
 *
 * @param dataset the dataset file (absolute, variables expanded)
 * @param format dataset format ({@code zsre}, {@code counterfact})
 * @param take how many records of the dataset, in file order (after shuffling when seeded)
 * @param batchSize how many facts one call to the editing method writes
 * @param seed when not null, the records are shuffled with this seed before taking
 */
public record EditStreamSpec(Path dataset, String format, int take, int batchSize, Long seed) {}
