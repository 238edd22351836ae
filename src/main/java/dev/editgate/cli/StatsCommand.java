package dev.editgate.cli;

import ai.djl.ndarray.NDManager;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.stats.Provenance;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.SecondMoments;
import dev.editgate.edit.stats.StatsSpec;
import dev.editgate.engine.EngineConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate stats}: precomputes the second moments ROME and MEMIT would collect, into the
 * same cache ({@code .editgate/stats}, or {@code --cache}), all layers in one pass. Settings come
 * from {@code --hparams} (a preset: its {@code layers} and {@code mom2_*}), then the options.
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description =
                "Second moments of MLP keys for ROME/MEMIT, precomputed into the statistics cache"
                        + " (one pass over the corpus for all layers; resumable).")
final class StatsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Hugging Face model folder")
    Path model;

    @Option(
            names = "--hparams",
            description = "a ROME/MEMIT hyperparameter file to take layers and mom2_* from")
    Path hparams;

    @Option(names = "--layers", description = "layers: 3-7 or 3,4,5 (default: the file's)")
    String layers;

    @Option(names = "--corpus", description = "text file, JSON-lines file or folder (mom2_dataset)")
    String corpus;

    @Option(names = "--documents", description = "document range, e.g. 0-1222 (mom2_documents)")
    String documents;

    @Option(
            names = "--samples",
            description = "documents to sample (mom2_n_samples; default 100000)")
    Integer samples;

    @Option(
            names = "--max-length",
            description = "tokens per document (mom2_max_length; 0: the model's context)")
    Integer maxLength;

    @Option(names = "--seed", description = "sampling seed (mom2_seed; default 1)")
    Integer seed;

    @Option(
            names = "--stats-dtype",
            description = "accumulation dtype (mom2_dtype: float32, float64)")
    String statsDtype;

    @Option(
            names = "--batch-tokens",
            defaultValue = "4096",
            description = "padded tokens per pass (default ${DEFAULT-VALUE})")
    int batchTokens;

    @Option(
            names = "--cache",
            description = "cache root (default: the setting editgate.stats, .editgate/stats)")
    Path cache;

    @Option(names = "--dtype", defaultValue = "float32")
    String dtype;

    @Option(
            names = "--device",
            defaultValue = "auto",
            converter = DeviceConverter.class,
            description = "cpu, cuda, cuda:N or auto (default ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> defaults = new LinkedHashMap<>(StatsSpec.DEFAULTS);
        defaults.put("layers", null);
        Set<String> accepted = new HashSet<>(defaults.keySet());
        accepted.add(Hyperparameters.FILE);
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (hparams != null) {
            accepted.addAll(keysOf(hparams));
            overrides.put(Hyperparameters.FILE, hparams.toString());
        }
        put(overrides, "mom2_dataset", corpus);
        put(overrides, "mom2_documents", documents);
        put(overrides, "mom2_n_samples", samples);
        put(overrides, "mom2_max_length", maxLength);
        put(overrides, "mom2_seed", seed);
        put(overrides, "mom2_dtype", statsDtype);
        Hyperparameters h;
        StatsSpec spec;
        List<Integer> layerList;
        try {
            h =
                    Hyperparameters.resolve(
                            "stats",
                            defaults,
                            overrides,
                            accepted,
                            EngineConfig.fromSystemProperties().editEnvironment());
            spec = StatsSpec.from(h);
            layerList =
                    layers != null
                            ? parseLayers(layers)
                            : h.has("layers") ? h.getIntList("layers") : null;
            if (layerList == null) {
                throw new IllegalArgumentException("give --layers (or --hparams with layers)");
            }
            spec =
                    new StatsSpec(
                            spec.corpus(),
                            spec.documents(),
                            spec.samples(),
                            spec.seed(),
                            spec.maxLength(),
                            spec.dtype(),
                            batchTokens,
                            cache != null ? cache : spec.cacheDir());
        } catch (IllegalArgumentException e) {
            System.err.println("stats: " + e.getMessage());
            return 2;
        }
        try (LanguageModel lm = Models.load(model, dtype, device);
                NDManager m = lm.manager().newSubManager()) {
            String hash = lm.weights().contentHash();
            SecondMoments s = SecondMomentStats.forLayers(lm, hash, layerList, spec, m);
            Provenance p = s.provenance();
            System.out.printf(
                    "second moments of layers %s of %s: %d of %d requested documents (%d in range %s"
                            + " of %s), %d tokens, %d documents cut at %d tokens%s%n",
                    layerList,
                    model,
                    p.used(),
                    p.requested(),
                    p.available(),
                    p.documents(),
                    p.corpus(),
                    p.tokens(),
                    p.truncated(),
                    p.maxLength(),
                    s.seconds() > 0
                            ? String.format(
                                    ", %.1f s = %.0f tokens/s", s.seconds(), s.tokensPerSecond())
                            : " (all layers were in the cache)");
            System.out.println(
                    "cache: "
                            + spec.cacheDir()
                                    .toAbsolutePath()
                                    .resolve(hash.substring(0, Math.min(16, hash.length()))));
        } catch (IllegalArgumentException e) {
            System.err.println("stats: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** {@code 3-7} or {@code 3,4,5}. */
    static List<Integer> parseLayers(String text) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                String p = part.strip();
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int a = Integer.parseInt(p.substring(0, dash).strip());
                    int b = Integer.parseInt(p.substring(dash + 1).strip());
                    for (int l = a; l <= b; l++) {
                        out.add(l);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--layers '" + text + "' not accepted (accepted: 3-7 or 3,4,5)");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--layers '" + text + "' names no layer");
        }
        return out;
    }

    private static Set<String> keysOf(Path file) throws IOException {
        Set<String> keys = new HashSet<>();
        try (Reader r = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (root instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> keys.add(String.valueOf(k)));
            }
        }
        return keys;
    }
}
