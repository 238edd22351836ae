package dev.editgate.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.editgate.bench.Score;
import dev.editgate.report.ItemRecords;
import dev.editgate.scenario.CapabilitySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores of unedited models, cached on disk at {@code <dir>/<modelHash>/<configHash>.json} and
 * reused across runs: the configuration hash covers the benchmark name and all its settings. The
 * per-item records of the measurement lie beside it in {@code <configHash>.items.jsonl}.
 */
final class BaselineStore {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineStore.class);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path dir;

    BaselineStore(Path dir) {
        this.dir = dir;
    }

    /**
     * A baseline score: what the metric is, its value and its direction.
     *
     * @param items the cached per-item records, or null when the cache has none (written before
     *     they were kept)
     */
    record Baseline(String metric, double value, boolean higherIsBetter, Path items) {}

    /** The cached baseline, or {@code compute}'s score (then cached). */
    Baseline get(String modelHash, CapabilitySpec capability, Supplier<Score> compute) {
        String key = configHash(capability);
        Path file = dir.resolve(modelHash).resolve(key + ".json");
        Path items = dir.resolve(modelHash).resolve(key + ".items.jsonl");
        if (Files.isRegularFile(file)) {
            try {
                Map<?, ?> m = JSON.readValue(file.toFile(), Map.class);
                Object value = m.get("value");
                return new Baseline(
                        (String) m.get("metric"),
                        value == null ? Double.NaN : ((Number) value).doubleValue(),
                        (Boolean) m.get("higher_is_better"),
                        Files.isRegularFile(items) ? items : null);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "ignoring unreadable baseline {} and measuring again: {}",
                        file,
                        e.toString());
            }
        }
        Score score = compute.get();
        // items first: a score file without its items is read as an older cache, never the reverse
        ItemRecords.save(items, score.items());
        Baseline b = new Baseline(score.metric(), score.value(), score.higherIsBetter(), items);
        write(file, capability, b);
        return b;
    }

    private static void write(Path file, CapabilitySpec capability, Baseline b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", capability.benchmark());
        m.put("settings", capability.settings());
        m.put("metric", b.metric());
        m.put("value", Double.isFinite(b.value()) ? b.value() : null); // NaN: not applicable
        m.put("higher_is_better", b.higherIsBetter());
        m.put("computed_at", Instant.now().toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "baseline", ".tmp");
            Files.writeString(
                    tmp,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m),
                    StandardCharsets.UTF_8);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write baseline " + file, e);
        }
    }

    /**
     * 16 hex digits of SHA-256 over the benchmark name, its settings (keys sorted) and the
     * benchmarks' protocol revision, so a baseline measured under older protocols is not reused.
     */
    static String configHash(CapabilitySpec capability) {
        Map<String, Object> m = new TreeMap<>();
        m.put("benchmark", capability.benchmark());
        m.put("settings", new TreeMap<>(capability.settings()));
        m.put("protocols", dev.editgate.bench.protocol.Protocol.REVISION); // new protocols, new key
        return hash(m);
    }

    /** 16 hex digits of SHA-256 over the canonical JSON of {@code value} (map keys sorted). */
    static String hash(Object value) {
        try {
            byte[] json = JSON.writeValueAsBytes(value);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
