package dev.editgate.edit.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.LanguageModel;
import dev.editgate.text.TextSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second moments {@code C = E[k kᵀ]} of MLP keys ({@code Site.mlpKey}, width I) over a text corpus:
 * ROME's and MEMIT's {@code layer_stats}. Every real token of every sampled document contributes
 * one key; documents are the first {@code mom2_n_samples} of a seeded shuffle of the corpus's
 * {@code mom2_documents}, each cut at {@code mom2_max_length} tokens, and all layers are collected
 * in one pass.
 *
 * <p>Results are cached on disk under {@code <cacheDir>/<modelHash>/<layer>-<corpusHash>-<range>
 * -<samples>-s<seed>-<maxLength>-<dtype>.safetensors}, each with its {@link Provenance} as
 * metadata; the model hash is the caller's (the pristine model's content hash). Every pass over the
 * corpus adds a line to {@link CollectionLog} ({@code collections.jsonl} beside the files).
 */
public final class SecondMomentStats {
    private static final Logger LOG = LoggerFactory.getLogger(SecondMomentStats.class);

    private SecondMomentStats() {}

    /**
     * The matrices for {@code layers} ([I, I] each, in {@code spec.dtype()}, attached to {@code
     * out}), read from the cache or collected in one pass over the corpus.
     */
    public static SecondMoments forLayers(
            LanguageModel model,
            String modelHash,
            List<Integer> layers,
            StatsSpec spec,
            NDManager out) {
        Plan plan = Plan.of(model, spec);
        Map<Integer, NDArray> result = new TreeMap<>();
        List<Integer> missing = new ArrayList<>();
        Provenance provenance = null;
        for (int layer : new TreeSet<>(layers)) {
            Path file = cacheFile(spec, modelHash, layer, plan);
            if (Files.isRegularFile(file)) {
                try {
                    Provenance p = Provenance.fromMetadata(StatsFile.metadata(file));
                    result.put(layer, StatsFile.read(file, out));
                    provenance = p;
                    LOG.info("second moments of layer {} read from {}", layer, file);
                    continue;
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("ignoring unreadable statistics cache {}: {}", file, e.getMessage());
                }
            }
            missing.add(layer);
        }
        double seconds = 0;
        if (!missing.isEmpty()) {
            Path partial =
                    cacheDir(spec, modelHash)
                            .resolve(
                                    "partial-"
                                            + String.join(
                                                    "_",
                                                    missing.stream().map(String::valueOf).toList())
                                            + "-"
                                            + plan.suffix(spec)
                                            + ".safetensors");
            Map<String, String> key = new LinkedHashMap<>(plan.key(spec));
            key.put("model", modelHash);
            key.put("layers", missing.toString());
            SecondMoments c = run(model, missing, spec, plan, partial, key, out);
            seconds = c.seconds();
            provenance = c.provenance();
            CollectionLog.append(
                    cacheDir(spec, modelHash),
                    CollectionLog.entry(missing, plan.key(spec), provenance, seconds));
            for (var e : c.matrices().entrySet()) {
                Path file = cacheFile(spec, modelHash, e.getKey(), plan);
                Map<String, String> meta = new LinkedHashMap<>(provenance.metadata());
                meta.put("layer", String.valueOf(e.getKey()));
                meta.put("model", modelHash);
                meta.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
                try {
                    StatsFile.write(file, e.getValue(), meta);
                    LOG.info("second moments of layer {} cached in {}", e.getKey(), file);
                } catch (IOException ex) {
                    LOG.warn("cannot write statistics cache {}: {}", file, ex.getMessage());
                }
                result.put(e.getKey(), e.getValue());
            }
        }
        return new SecondMoments(result, provenance, seconds);
    }

    /** Collects without the cache (benchmarks, tests). */
    public static SecondMoments collect(
            LanguageModel model, List<Integer> layers, StatsSpec spec, NDManager out) {
        return run(model, layers, spec, Plan.of(model, spec), null, Map.of(), out);
    }

    /**
     * The texts of the documents {@code spec} selects, in the order a collection visits them (a
     * benchmark hands the same documents to the reference implementation).
     */
    public static List<String> sampledTexts(LanguageModel model, StatsSpec spec) {
        Plan plan = Plan.of(model, spec);
        List<String> out = new ArrayList<>(plan.docs.length);
        try (CorpusIndex.Reader r = plan.index.reader()) {
            for (int d : plan.docs) {
                out.add(r.text(d));
            }
        }
        return out;
    }

    private static SecondMoments run(
            LanguageModel model,
            List<Integer> layers,
            StatsSpec spec,
            Plan plan,
            Path partial,
            Map<String, String> key,
            NDManager out) {
        long start = System.nanoTime();
        MomentCollector.Sums s =
                new MomentCollector(model, layers, spec, plan.maxLength)
                        .collect(plan.index, plan.docs, partial, key, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        Provenance p = plan.provenance(spec, s.used(), s.tokens(), s.truncated());
        LOG.info(
                "second moments of layers {}: {} documents, {} tokens ({} cut at {}), {} s",
                layers,
                p.used(),
                p.tokens(),
                p.truncated(),
                p.maxLength(),
                String.format(Locale.ROOT, "%.1f", seconds));
        if (s.resumed() > 0) {
            LOG.info("second moments: {} documents came from the partial sums", s.resumed());
        }
        return new SecondMoments(s.moments(), p, seconds);
    }

    /**
     * The parts of files {@code spec} reads, for a suite's check that statistics and measurements
     * use disjoint text: the whole corpus when every document may be used, else the bytes of the
     * range.
     */
    public static List<TextSpan> texts(StatsSpec spec, String who) {
        String what = who + ": documents " + spec.documents();
        if (spec.documents().isAll() || !Files.exists(spec.corpus())) {
            return List.of(TextSpan.whole(spec.corpus(), what));
        }
        return CorpusIndex.scan(spec.corpus()).spans(spec.documents(), what);
    }

    static Path cacheDir(StatsSpec spec, String modelHash) {
        String model = modelHash.length() > 16 ? modelHash.substring(0, 16) : modelHash;
        return spec.cacheDir().resolve(model);
    }

    static Path cacheFile(StatsSpec spec, String modelHash, int layer, Plan plan) {
        return cacheDir(spec, modelHash).resolve(layer + "-" + plan.suffix(spec) + ".safetensors");
    }

    /** The inverse of a moment matrix, in float64 (ROME's {@code torch.inverse(C)}). */
    public static NDArray inverse(NDArray moments) {
        return moments.toType(DataType.FLOAT64, false).inverse();
    }

    /** The documents a spec selects, in the order they are visited. */
    static final class Plan {
        final CorpusIndex index;
        final int[] docs;
        final int available;
        final int maxLength;

        private Plan(CorpusIndex index, int[] docs, int available, int maxLength) {
            this.index = index;
            this.docs = docs;
            this.available = available;
            this.maxLength = maxLength;
        }

        static Plan of(LanguageModel model, StatsSpec spec) {
            CorpusIndex index = CorpusIndex.scan(spec.corpus());
            int[] candidates = index.indices(spec.documents());
            if (candidates.length == 0) {
                throw new IllegalArgumentException(
                        "statistics corpus "
                                + index.root()
                                + ": mom2_documents "
                                + spec.documents()
                                + " selects none of its "
                                + index.size()
                                + " documents (0-"
                                + (index.size() - 1)
                                + ")");
            }
            int[] pick = PythonRandom.sample(candidates.length, spec.samples(), spec.seed());
            int[] docs = new int[pick.length];
            for (int i = 0; i < pick.length; i++) {
                docs[i] = candidates[pick[i]];
            }
            if (spec.samples() > candidates.length) {
                LOG.warn(
                        "statistics corpus {} has {} documents in range {}; mom2_n_samples asks"
                                + " for {}: using {}",
                        index.root(),
                        candidates.length,
                        spec.documents(),
                        spec.samples(),
                        candidates.length);
            }
            return new Plan(index, docs, candidates.length, spec.maxLength(model.config()));
        }

        String suffix(StatsSpec spec) {
            return index.hash()
                    + "-"
                    + spec.documents()
                    + "-"
                    + spec.samples()
                    + "-s"
                    + spec.seed()
                    + "-"
                    + maxLength
                    + "-"
                    + spec.dtype().name().toLowerCase(Locale.ROOT);
        }

        Map<String, String> key(StatsSpec spec) {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("corpus_sha256", index.hash());
            k.put("documents_range", spec.documents().toString());
            k.put("documents_requested", String.valueOf(spec.samples()));
            k.put("seed", String.valueOf(spec.seed()));
            k.put("max_length", String.valueOf(maxLength));
            k.put("dtype", spec.dtype().name().toLowerCase(Locale.ROOT));
            return k;
        }

        Provenance provenance(StatsSpec spec, int used, long tokens, int truncated) {
            return new Provenance(
                    index.root().toString(),
                    index.hash(),
                    spec.documents().toString(),
                    available,
                    spec.samples(),
                    used,
                    tokens,
                    truncated,
                    maxLength,
                    spec.seed(),
                    spec.dtype().name().toLowerCase(Locale.ROOT));
        }
    }
}
