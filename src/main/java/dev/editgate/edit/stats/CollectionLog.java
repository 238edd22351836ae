package dev.editgate.edit.stats;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics cache's own record of the collections it made: one JSON line per pass over the
 * corpus in {@code <cacheDir>/<modelHash>/collections.jsonl} (the layers collected in it, the cache
 * key, documents and tokens used, seconds, when). Reading from the cache adds nothing, so the file
 * says how often each (model, layer, corpus, settings) was actually computed — e.g. once for a
 * whole {@code matrix:} over a batch size or a learning rate.
 */
public final class CollectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's name in a model's cache folder. */
    public static final String FILE = "collections.jsonl";

    private CollectionLog() {}

    /**
     * One collection.
     *
     * @param layers the layers collected in this pass
     * @param key what the cache files are keyed by, besides model and layer
     * @param documentsUsed documents that contributed keys
     * @param tokens keys summed
     * @param seconds time of the pass
     * @param time ISO-8601 instant it ended
     */
    public record Entry(
            List<Integer> layers,
            Map<String, String> key,
            int documentsUsed,
            long tokens,
            double seconds,
            String time) {}

    /** Appends {@code entry} to the log in {@code modelDir}; a log that cannot be written warns. */
    static void append(Path modelDir, Entry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("layers", entry.layers());
        line.put("key", entry.key());
        line.put("documents_used", entry.documentsUsed());
        line.put("tokens", entry.tokens());
        line.put("seconds", entry.seconds());
        line.put("time", entry.time());
        try {
            Files.createDirectories(modelDir);
            Files.writeString(
                    modelDir.resolve(FILE),
                    JSON.writeValueAsString(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot append to {}: {}", modelDir.resolve(FILE), e.getMessage());
        }
    }

    static Entry entry(List<Integer> layers, Map<String, String> key, Provenance p, double s) {
        return new Entry(
                List.copyOf(layers), key, p.used(), p.tokens(), s, Instant.now().toString());
    }

    /**
     * The collections recorded under {@code cacheDir} (the {@code editgate.stats} root), every
     * model's, in the order each model's log holds them; none when there is no cache.
     *
     * @throws IllegalArgumentException naming the file and line of a line that is not an entry
     */
    public static List<Entry> read(Path cacheDir) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(cacheDir)) {
            return out;
        }
        try (var models = Files.list(cacheDir)) {
            for (Path dir : models.sorted().toList()) {
                Path file = dir.resolve(FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        out.add(parse(file, i + 1, lines.get(i)));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read " + cacheDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Entry parse(Path file, int line, String text) {
        try {
            Map<String, Object> m = JSON.readValue(text, new TypeReference<>() {});
            List<Integer> layers = new ArrayList<>();
            for (Object l : (List<?>) m.get("layers")) {
                layers.add(((Number) l).intValue());
            }
            Map<String, String> key = new LinkedHashMap<>();
            ((Map<?, ?>) m.get("key")).forEach((k, v) -> key.put(k.toString(), v.toString()));
            return new Entry(
                    layers,
                    key,
                    ((Number) m.get("documents_used")).intValue(),
                    ((Number) m.get("tokens")).longValue(),
                    ((Number) m.get("seconds")).doubleValue(),
                    (String) m.get("time"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    file
                            + ":"
                            + line
                            + ": not a collection entry (expected an object with layers, key,"
                            + " documents_used, tokens, seconds, time): "
                            + e.getMessage(),
                    e);
        }
    }
}
