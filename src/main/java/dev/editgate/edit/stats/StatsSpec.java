package dev.editgate.edit.stats;

import ai.djl.ndarray.types.DataType;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.model.ModelConfig;
import dev.editgate.text.DocumentRange;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What second-moment statistics to collect.
 *
 * @param corpus a text file, a JSON-lines file or a folder of them ({@link CorpusIndex})
 * @param documents which of the corpus's documents may be used ({@code mom2_documents}), so that a
 *     suite can keep them apart from text it measures
 * @param samples how many documents to use ({@code mom2_n_samples}); fewer, with a warning, when
 *     the range holds fewer
 * @param seed which documents: the first {@code samples} of a seeded shuffle, as the reference's
 *     {@code FixedRandomSubsetSampler(seed=1)} ({@code mom2_seed})
 * @param maxLength tokens kept per document ({@code mom2_max_length}); 0: the model's context
 *     length, as the reference truncates
 * @param dtype accumulation dtype ({@code mom2_dtype}: float32 or float64)
 * @param batchTokens padded tokens per forward pass (a longer document runs alone)
 * @param cacheDir root of the disk cache (setting {@code editgate.stats}, default {@code
 *     .editgate/stats})
 */
public record StatsSpec(
        Path corpus,
        DocumentRange documents,
        int samples,
        long seed,
        int maxLength,
        DataType dtype,
        int batchTokens,
        Path cacheDir) {

    /** The statistics keys of ROME and MEMIT, with their defaults. */
    public static final Map<String, Object> DEFAULTS = Collections.unmodifiableMap(defaults());

    /** Padded tokens per forward pass unless told otherwise. */
    public static final int DEFAULT_BATCH_TOKENS = 4096;

    public StatsSpec {
        if (samples <= 0) {
            throw new IllegalArgumentException("mom2_n_samples must be > 0, was " + samples);
        }
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64) {
            throw new IllegalArgumentException(
                    "mom2_dtype must be float32 or float64, was " + dtype);
        }
        if (maxLength < 0 || maxLength == 1) {
            throw new IllegalArgumentException(
                    "mom2_max_length must be >= 2 (or 0: the model's context length), was "
                            + maxLength);
        }
        if (batchTokens < 1) {
            throw new IllegalArgumentException("batch tokens must be >= 1, was " + batchTokens);
        }
        if (documents == null) {
            documents = DocumentRange.ALL;
        }
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mom2_dataset", "${editgate.shared}/data/wikitext2/wiki.test.raw");
        d.put("mom2_documents", "all");
        d.put("mom2_n_samples", 100000);
        d.put("mom2_seed", 1);
        d.put("mom2_dtype", "float32");
        d.put("mom2_max_length", 0);
        return d;
    }

    /** {@code mom2_*} of resolved hyperparameters, range-checked. */
    public static StatsSpec from(Hyperparameters h) {
        String corpus = h.getString("mom2_dataset");
        if (corpus == null || corpus.isBlank()) {
            throw new IllegalArgumentException(
                    h.method() + " hyperparameter 'mom2_dataset' is not set (accepted: a path)");
        }
        DocumentRange range;
        try {
            range = DocumentRange.parse(h.values().get("mom2_documents"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    h.method() + " hyperparameter 'mom2_documents': " + e.getMessage(), e);
        }
        try {
            return new StatsSpec(
                    Path.of(corpus),
                    range,
                    h.getInt("mom2_n_samples"),
                    h.getInt("mom2_seed"),
                    h.has("mom2_max_length") ? h.getInt("mom2_max_length") : 0,
                    parseDtype(h.getString("mom2_dtype")),
                    DEFAULT_BATCH_TOKENS,
                    h.environment().statsDir());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(h.method() + ": " + e.getMessage(), e);
        }
    }

    /** This spec with another corpus range, sample count or batch size (the CLI's options). */
    public StatsSpec with(DocumentRange range, int n, int tokensPerBatch) {
        return new StatsSpec(corpus, range, n, seed, maxLength, dtype, tokensPerBatch, cacheDir);
    }

    /**
     * Tokens kept per document for {@code config}: {@code maxLength}, or the model's context length
     * as the reference computes it ({@code n_positions} / {@code max_position_embeddings};
     * Mistral's sliding window or 4096; at most 4096 for Qwen).
     */
    public int maxLength(ModelConfig config) {
        if (maxLength > 0) {
            return maxLength;
        }
        int n = config.maxPositions();
        String type = config.modelType().toLowerCase(Locale.ROOT);
        if (type.contains("mistral")) {
            n = config.slidingWindow() > 0 ? config.slidingWindow() : 4096;
        }
        if (type.contains("qwen")) {
            n = Math.min(n, 4096);
        }
        return n;
    }

    /** Parses {@code float32}/{@code float64} (also {@code torch.float32} style). */
    public static DataType parseDtype(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("torch.", "");
        return switch (n) {
            case "float32", "float", "fp32" -> DataType.FLOAT32;
            case "float64", "double", "fp64" -> DataType.FLOAT64;
            default ->
                    throw new IllegalArgumentException(
                            "mom2_dtype '" + name + "' not accepted; accepted: float32, float64");
        };
    }
}
