package dev.editgate.bench;

import dev.editgate.text.TextSpan;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The text this benchmark measures on, for a suite's check that no editor fits statistics on
     * it: by default its whole {@code dataset} (a file or folder, already absolute). Called after
     * {@link #validate}.
     */
    default List<TextSpan> measuredTexts(Map<String, Object> settings) {
        Object dataset = settings.get("dataset");
        if (dataset == null) {
            return List.of();
        }
        return List.of(TextSpan.whole(Path.of(String.valueOf(dataset)), "dataset"));
    }

    /** Loads the benchmark; relative paths resolve against {@code baseDir} (the suite's folder). */
    Benchmark create(Map<String, Object> settings, Path baseDir);
}
