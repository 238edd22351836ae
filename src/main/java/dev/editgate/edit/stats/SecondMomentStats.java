package dev.editgate.edit.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import dev.editgate.model.nn.Scalars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second moments {@code C = E[k kᵀ]} of MLP keys ({@code Site.mlpKey}, width I) over a text corpus:
 * ROME's and MEMIT's {@code layer_stats}. Every real (non-padding) token of every sample
 * contributes one key.
 *
 * <p>Results are cached on disk under {@code <cacheDir>/<modelHash>/<layer>-<corpusHash>-<samples>
 * -<maxLength>-<dtype>.safetensors}; the model hash is the caller's (the pristine model's content
 * hash), so statistics are computed once per model, corpus and sample count.
 */
public final class SecondMomentStats {
    private static final Logger LOG = LoggerFactory.getLogger(SecondMomentStats.class);

    private SecondMomentStats() {}

    /** Throughput of the last collection, for benchmarks. */
    public record Collected(Map<Integer, NDArray> moments, long tokens, double seconds) {}

    /**
     * The matrices for {@code layers} ([I, I] each, in {@code spec.dtype()}, attached to {@code
     * out}), read from the cache or collected in one pass over the corpus.
     */
    public static Map<Integer, NDArray> forLayers(
            LanguageModel model,
            String modelHash,
            List<Integer> layers,
            StatsSpec spec,
            NDManager out) {
        String corpusHash = Corpus.hash(spec.corpus());
        Map<Integer, NDArray> result = new TreeMap<>();
        List<Integer> missing = new ArrayList<>();
        for (int layer : layers) {
            Path file = cacheFile(spec, modelHash, layer, corpusHash);
            if (Files.isRegularFile(file)) {
                try {
                    result.put(layer, StatsFile.read(file, out));
                    LOG.info("second moments of layer {} read from {}", layer, file);
                    continue;
                } catch (IOException e) {
                    LOG.warn("ignoring unreadable statistics cache {}: {}", file, e.getMessage());
                }
            }
            missing.add(layer);
        }
        if (!missing.isEmpty()) {
            Collected c = collect(model, missing, spec, out);
            for (var e : c.moments().entrySet()) {
                Path file = cacheFile(spec, modelHash, e.getKey(), corpusHash);
                try {
                    StatsFile.write(
                            file,
                            e.getValue(),
                            Map.of(
                                    "corpus", spec.corpus().toString(),
                                    "samples", String.valueOf(spec.samples()),
                                    "tokens", String.valueOf(c.tokens()),
                                    "layer", String.valueOf(e.getKey())));
                    LOG.info("second moments of layer {} cached in {}", e.getKey(), file);
                } catch (IOException ex) {
                    LOG.warn("cannot write statistics cache {}: {}", file, ex.getMessage());
                }
                result.put(e.getKey(), e.getValue());
            }
        }
        return result;
    }

    static Path cacheFile(StatsSpec spec, String modelHash, int layer, String corpusHash) {
        String model = modelHash.length() > 16 ? modelHash.substring(0, 16) : modelHash;
        return spec.cacheDir()
                .resolve(model)
                .resolve(
                        layer
                                + "-"
                                + corpusHash
                                + "-"
                                + spec.samples()
                                + "-"
                                + spec.maxLength()
                                + "-"
                                + spec.dtype().name().toLowerCase()
                                + ".safetensors");
    }

    /** Collects without the cache; logs progress about every tenth of the samples. */
    public static Collected collect(
            LanguageModel model, List<Integer> layers, StatsSpec spec, NDManager out) {
        List<String> samples = Corpus.samples(spec.corpus(), spec.samples());
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(
                    "statistics corpus " + spec.corpus() + " has no text");
        }
        long start = System.nanoTime();
        Map<Integer, NDArray> sums = new LinkedHashMap<>();
        long tokens = 0;
        int logEvery = Math.max(1, samples.size() / 10);
        int nextLog = logEvery;
        LOG.info(
                "collecting second moments of layers {} over {} samples of {}",
                layers,
                samples.size(),
                spec.corpus());
        for (int from = 0; from < samples.size(); from += spec.batchSize()) {
            List<int[]> seqs = new ArrayList<>();
            for (String s :
                    samples.subList(from, Math.min(samples.size(), from + spec.batchSize()))) {
                int[] ids = model.tokenizer().encode(s);
                seqs.add(
                        ids.length > spec.maxLength() ? Arrays.copyOf(ids, spec.maxLength()) : ids);
            }
            TokenBatch batch = TokenBatch.leftPadded(seqs, model.tokenizer().padId());
            Interventions iv = Interventions.create();
            layers.forEach(l -> iv.capture(Site.mlpKey(l)));
            try (NDManager scope = model.manager().newSubManager()) {
                ForwardResult r = model.forward(scope, batch, iv);
                NDArray mask = scope.create(batch.flatMask()).gt(0); // [B*T] boolean
                for (int layer : layers) {
                    NDArray keys = r.captured(Site.mlpKey(layer)); // [B, T, I]
                    NDArray flat = keys.reshape(-1, keys.getShape().get(2)); // [B*T, I]
                    NDArray real =
                            flat.get(new NDIndex("{}", mask)).toType(spec.dtype(), false); // [N, I]
                    NDArray kk = real.transpose().matMul(real); // [I, I]
                    NDArray sum = sums.get(layer);
                    NDArray next = sum == null ? kk : sum.add(kk);
                    next.attach(out);
                    sums.put(layer, next);
                    if (sum != null) {
                        sum.close();
                    }
                }
            }
            for (int[] s : seqs) {
                tokens += s.length;
            }
            int done = Math.min(samples.size(), from + spec.batchSize());
            if (done >= nextLog || done == samples.size()) {
                LOG.info(
                        "second moments: {}/{} samples, {} tokens, {} tokens/s",
                        done,
                        samples.size(),
                        tokens,
                        String.format("%.0f", tokens / ((System.nanoTime() - start) / 1e9)));
                nextLog += logEvery;
            }
        }
        Map<Integer, NDArray> moments = new TreeMap<>();
        for (var e : sums.entrySet()) {
            NDArray m = Scalars.div(e.getValue(), tokens);
            m.attach(out);
            moments.put(e.getKey(), m);
            e.getValue().close();
        }
        return new Collected(moments, tokens, (System.nanoTime() - start) / 1e9);
    }

    /** The inverse of a moment matrix, in float64 (ROME's {@code torch.inverse(C)}). */
    public static NDArray inverse(NDArray moments) {
        return moments.toType(DataType.FLOAT64, false).inverse();
    }
}
