package dev.editgate.edit.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over sampled documents that sums {@code k kᵀ} for the MLP keys of every requested layer
 * at once. Each pass stops after the highest of them (no layer above, no output head). Documents
 * are read {@value #CHUNK} at a time (the reference's {@code batch_size}), sorted by length and cut
 * into batches of at most {@code batchTokens} padded tokens (its {@code length_collation}). The
 * sums are saved to a partial file now and then, and a later collection with the same key resumes
 * from it.
 */
final class MomentCollector {
    private static final Logger LOG = LoggerFactory.getLogger(MomentCollector.class);

    /** Documents read, sorted and batched together. */
    static final int CHUNK = 100;

    private final LanguageModel model;
    private final List<Integer> layers;
    private final StatsSpec spec;
    private final int maxLength;
    private long checkpointNanos = 60_000_000_000L;
    private long progressNanos = 10_000_000_000L;
    private IntConsumer afterChunk = done -> {};

    /** What one collection summed. */
    record Sums(Map<Integer, NDArray> moments, long tokens, int used, int truncated, int resumed) {}

    MomentCollector(LanguageModel model, List<Integer> layers, StatsSpec spec, int maxLength) {
        this.model = model;
        this.layers = List.copyOf(new java.util.TreeSet<>(layers));
        this.spec = spec;
        this.maxLength = maxLength;
        for (int l : this.layers) {
            if (l < 0 || l >= model.numLayers()) {
                throw new IllegalArgumentException(
                        "second moments of layer "
                                + l
                                + ": the model has layers 0-"
                                + (model.numLayers() - 1));
            }
        }
    }

    /** Saves partial sums at most this often (0: after every chunk). */
    MomentCollector checkpointEvery(long nanos) {
        this.checkpointNanos = nanos;
        return this;
    }

    /** Called with the documents done after each chunk (tests interrupt a collection here). */
    MomentCollector afterChunk(IntConsumer hook) {
        this.afterChunk = hook;
        return this;
    }

    /**
     * Sums over {@code docs} of {@code index} in that order; {@code partial} (null: none) holds the
     * state to resume from, identified by {@code key}.
     */
    Sums collect(
            CorpusIndex index, int[] docs, Path partial, Map<String, String> key, NDManager out) {
        int last = layers.get(layers.size() - 1);
        long start = System.nanoTime();
        long lastLog = start;
        long lastSave = start;
        try (NDManager acc = model.manager().newSubManager();
                CorpusIndex.Reader reader = index.reader()) {
            Map<Integer, NDArray> sums = new TreeMap<>();
            long tokens = 0;
            int done = 0;
            int used = 0;
            int truncated = 0;
            PartialSums.State resumed = PartialSums.load(partial, key, layers, acc);
            if (resumed != null) {
                sums.putAll(resumed.sums());
                tokens = resumed.tokens();
                done = resumed.done();
                used = resumed.used();
                truncated = resumed.truncated();
                LOG.info(
                        "second moments: resuming from {} ({}/{} documents, {} tokens)",
                        partial,
                        done,
                        docs.length,
                        tokens);
            }
            int resumedAt = done;
            long tokensAtStart = tokens;
            LOG.info(
                    "collecting second moments of layers {} over {} documents of {} (at most {}"
                            + " tokens each, batches of {} tokens, stopping after layer {})",
                    layers,
                    docs.length,
                    index.root(),
                    maxLength,
                    spec.batchTokens(),
                    last);
            while (done < docs.length) {
                int to = Math.min(docs.length, done + CHUNK);
                List<int[]> seqs = new ArrayList<>(to - done);
                for (int i = done; i < to; i++) {
                    int[] ids = model.tokenizer().encode(reader.text(docs[i]));
                    if (ids.length == 0) {
                        continue;
                    }
                    if (ids.length > maxLength) {
                        ids = Arrays.copyOf(ids, maxLength);
                        truncated++;
                    }
                    seqs.add(ids);
                    used++;
                }
                for (List<int[]> batch : batches(seqs, spec.batchTokens())) {
                    tokens += add(batch, last, sums, acc);
                }
                done = to;
                afterChunk.accept(done);
                long now = System.nanoTime();
                if (now - lastLog >= progressNanos || done == docs.length) {
                    double s = (now - start) / 1e9;
                    double rate = (tokens - tokensAtStart) / Math.max(s, 1e-9);
                    double perDoc = s / Math.max(1, done - resumedAt);
                    LOG.info(
                            "second moments: {}/{} documents, {} tokens, {} tokens/s{}",
                            done,
                            docs.length,
                            tokens,
                            String.format(Locale.ROOT, "%.0f", rate),
                            done < docs.length
                                    ? String.format(
                                            Locale.ROOT,
                                            ", about %.0f s left",
                                            perDoc * (docs.length - done))
                                    : "");
                    lastLog = now;
                }
                if (partial != null && done < docs.length && now - lastSave >= checkpointNanos) {
                    PartialSums.save(partial, key, sums, tokens, done, used, truncated);
                    lastSave = System.nanoTime();
                }
            }
            if (tokens == 0) {
                throw new IllegalArgumentException(
                        "statistics corpus "
                                + index.root()
                                + ": the sampled documents have no tokens");
            }
            Map<Integer, NDArray> moments = new TreeMap<>();
            for (var e : sums.entrySet()) {
                NDArray m = Scalars.div(e.getValue(), tokens);
                m.attach(out);
                moments.put(e.getKey(), m);
            }
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    LOG.warn("cannot remove partial statistics {}: {}", partial, e.getMessage());
                }
            }
            return new Sums(moments, tokens, used, truncated, resumedAt);
        }
    }

    /**
     * The reference's {@code length_collation}: longest first; a batch closes when one more row of
     * its first row's width would exceed {@code budget} tokens.
     */
    static List<List<int[]>> batches(List<int[]> seqs, int budget) {
        List<int[]> sorted = new ArrayList<>(seqs);
        sorted.sort(Comparator.comparingInt((int[] s) -> s.length).reversed());
        List<List<int[]>> out = new ArrayList<>();
        List<int[]> batch = new ArrayList<>();
        int width = 0;
        for (int[] s : sorted) {
            if (!batch.isEmpty() && (long) width * (batch.size() + 1) > budget) {
                out.add(batch);
                batch = new ArrayList<>();
            }
            if (batch.isEmpty()) {
                width = s.length;
            }
            batch.add(s);
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    /** Adds one batch's keys to {@code sums}; returns the real tokens seen. */
    private long add(List<int[]> seqs, int last, Map<Integer, NDArray> sums, NDManager acc) {
        TokenBatch batch = TokenBatch.leftPadded(seqs, model.tokenizer().padId());
        Interventions iv = Interventions.create().stopAfter(last);
        layers.forEach(l -> iv.capture(Site.mlpKey(l)));
        long tokens = 0;
        for (int[] s : seqs) {
            tokens += s.length;
        }
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
                if (sum == null) {
                    kk.attach(acc);
                    sums.put(layer, kk);
                } else {
                    sum.addi(kk);
                }
            }
        }
        return tokens;
    }
}
