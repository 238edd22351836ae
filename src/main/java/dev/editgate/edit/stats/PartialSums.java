package dev.editgate.edit.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sums of an unfinished collection, saved so that a later one with the same key (corpus hash,
 * range, samples, seed, length, dtype, model, layers) resumes after the documents already done
 * instead of starting over. Written atomically ({@link StatsFile}); anything that does not match is
 * ignored with a warning.
 */
final class PartialSums {
    private static final Logger LOG = LoggerFactory.getLogger(PartialSums.class);

    private PartialSums() {}

    record State(Map<Integer, NDArray> sums, long tokens, int done, int used, int truncated) {}

    static State load(Path partial, Map<String, String> key, List<Integer> layers, NDManager acc) {
        if (partial == null || !Files.isRegularFile(partial)) {
            return null;
        }
        try {
            StatsFile.Stored s = StatsFile.readAll(partial, acc);
            Map<String, String> m = s.metadata();
            for (var e : key.entrySet()) {
                if (!e.getValue().equals(m.get(e.getKey()))) {
                    LOG.warn(
                            "ignoring partial statistics {}: {} is {}, not {}",
                            partial,
                            e.getKey(),
                            m.get(e.getKey()),
                            e.getValue());
                    s.tensors().values().forEach(NDArray::close);
                    return null;
                }
            }
            Map<Integer, NDArray> sums = new TreeMap<>();
            for (int l : layers) {
                NDArray a = s.tensors().get("sum." + l);
                if (a == null) {
                    LOG.warn("ignoring partial statistics {}: no sums of layer {}", partial, l);
                    s.tensors().values().forEach(NDArray::close);
                    return null;
                }
                sums.put(l, a);
            }
            return new State(
                    sums,
                    Long.parseLong(m.get("tokens")),
                    Integer.parseInt(m.get("documents_done")),
                    Integer.parseInt(m.get("documents_used")),
                    Integer.parseInt(m.get("documents_truncated")));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable partial statistics {}: {}", partial, e.getMessage());
            return null;
        }
    }

    static void save(
            Path partial,
            Map<String, String> key,
            Map<Integer, NDArray> sums,
            long tokens,
            int done,
            int used,
            int truncated) {
        Map<String, String> meta = new LinkedHashMap<>(key);
        meta.put("tokens", String.valueOf(tokens));
        meta.put("documents_done", String.valueOf(done));
        meta.put("documents_used", String.valueOf(used));
        meta.put("documents_truncated", String.valueOf(truncated));
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        sums.forEach((l, a) -> tensors.put("sum." + l, a));
        try {
            StatsFile.write(partial, tensors, meta);
            LOG.info("second moments: {} documents saved in {} (resumable)", done, partial);
        } catch (IOException e) {
            LOG.warn("cannot save partial statistics {}: {}", partial, e.getMessage());
        }
    }
}
