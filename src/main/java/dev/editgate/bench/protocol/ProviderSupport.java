package dev.editgate.bench.protocol;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.BenchmarkProvider;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of the capability providers: the common settings ({@code dataset}, {@code format}, {@code
 * limit}, {@code seed}, {@code shots}, {@code template}, {@code max_new_tokens}, {@code
 * batch_size}) are checked here; subclasses add their own keys and checks.
 */
public abstract class ProviderSupport implements BenchmarkProvider {
    /** Keys every capability benchmark accepts. */
    public static final List<String> COMMON =
            List.of("dataset", "format", "limit", "seed", "shots", "template", "batch_size");

    private final String name;
    private final Set<String> keys;

    protected ProviderSupport(String name, List<String> extraKeys) {
        this.name = name;
        Set<String> k = new LinkedHashSet<>(COMMON);
        k.addAll(extraKeys);
        this.keys = Set.copyOf(k);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> settingKeys() {
        return keys;
    }

    @Override
    public void validate(Map<String, Object> settings) {
        BenchSettings s = settings(settings);
        s.integer("limit", 0, 0);
        s.longValue("seed", 0, Long.MIN_VALUE);
        s.integer("shots", 0, 0);
        s.integer("batch_size", 1, 1);
        if (keys.contains("max_new_tokens")) {
            s.integer("max_new_tokens", 1, 1);
        }
        s.choice("format", "auto", Set.copyOf(formats()));
        validateMore(s);
    }

    /** Values accepted for {@code format}; {@code auto} detects the layout from the file. */
    protected List<String> formats() {
        return List.of("auto");
    }

    @Override
    public Benchmark create(Map<String, Object> settings, Path baseDir) {
        validate(settings);
        return create(settings(settings), baseDir);
    }

    /** The seeded sample of {@code items} that {@code limit} and {@code seed} ask for. */
    protected static <T> List<T> sample(BenchSettings s, List<T> items) {
        return ItemSampler.sample(
                items, s.integer("limit", 0, 0), s.longValue("seed", 0, Long.MIN_VALUE));
    }

    /** Benchmark-specific checks (formats, template placeholders). */
    protected void validateMore(BenchSettings settings) {}

    protected abstract Benchmark create(BenchSettings settings, Path baseDir);

    private BenchSettings settings(Map<String, Object> settings) {
        return new BenchSettings(name, settings).requireKnown(keys);
    }
}
