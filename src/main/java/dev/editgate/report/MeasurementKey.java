package dev.editgate.report;

/**
 * Identifies a measurement across runs: a resumed run skips a key already recorded. The capability
 * id stands for its configuration within the suite (a changed benchmark setting needs a new run).
 */
public record MeasurementKey(
        String suite,
        String scenario,
        String hparamsHash,
        String modelHash,
        int editsApplied,
        String capability) {}
