package dev.editgate.scenario;

import java.util.Map;

/**
 * A capability measured at every checkpoint, with the threshold it must keep.
 *
 * @param id unique within the suite; part of test ids
 * @param benchmark the benchmark's name ({@code perplexity}, {@code edit-reliability}, ...)
 * @param thresholds what the score must satisfy
 * @param settings every other key of the entry, passed to the benchmark's provider
 * @param position where the capability starts in the suite file
 */
public record CapabilitySpec(
        String id,
        String benchmark,
        Thresholds thresholds,
        Map<String, Object> settings,
        SourcePosition position) {

    public CapabilitySpec {
        settings = YamlValues.immutableCopy(settings);
    }
}
