package dev.editgate.bench.genppl;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judge models, loaded once per JVM (a run) by folder, dtype and device, on first use, and shared
 * by every {@code generated-ppl} capability and checkpoint that names them. A judge is never the
 * model under edit: naming the suite's own model folder loads a second, unedited copy.
 */
final class JudgeModels {
    private static final Map<String, LanguageModel> LOADED = new ConcurrentHashMap<>();

    private JudgeModels() {}

    static LanguageModel get(Path dir, String dtype, String device) {
        String key = dir.toAbsolutePath().normalize() + "|" + dtype + "|" + device;
        return LOADED.computeIfAbsent(key, k -> Models.load(dir, dtype, device));
    }

    /** Closes every judge (tests; a run keeps them until the JVM ends). */
    static void closeAll() {
        LOADED.values().forEach(LanguageModel::close);
        LOADED.clear();
    }

    static int size() {
        return LOADED.size();
    }
}
