package dev.editgate.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link Benchmark} from its YAML settings. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.editgate.bench.BenchmarkProvider}).
 */
public interface BenchmarkProvider {

    /** Name used in suites. */
    String name();

    /** Every settings key accepted (dataset, limit, shots, seed, template, ...). */
    Set<String> settingKeys();

    /**
     * Checks settings without loading data; throws {@link IllegalArgumentException} naming the key,
     * the value and what is accepted.
     */
    void validate(Map<String, Object> settings);

    /** Loads the benchmark; relative paths resolve against {@code baseDir} (the suite's folder). */
    Benchmark create(Map<String, Object> settings, Path baseDir);
}
