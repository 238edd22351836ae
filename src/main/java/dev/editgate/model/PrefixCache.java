package dev.editgate.model;

import ai.djl.ndarray.NDManager;
import dev.editgate.model.nn.KvCache;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys and values of token prefixes (few-shot exemplars), keyed by their token ids, computed once
 * and continued by every later batch whose rows all start with them. Entries are evicted least
 * recently used first once their keys and values exceed {@code maxBytes}; a prefix larger than that
 * is computed for its batch and not kept.
 *
 * <p>A cache holds what the weights gave when an entry was computed: open one per evaluation (one
 * benchmark on one state of the model) and close it before the weights change. Adaptors (GRACE)
 * look at each prompt's last token while the prompt runs, so callers run no prefix apart when the
 * model has any ({@link #usable}).
 *
 * <p>Rows continue the prefix with left padding between the prefix and their own tokens; positions
 * count real tokens only, so each row's logits equal those of its whole sequence alone, up to float
 * rounding (a different order of the same sums).
 */
public final class PrefixCache implements AutoCloseable {
    /** Shorter common prefixes are not worth a pass of their own. */
    public static final int MIN_PREFIX = 16;

    /** Default bound: a few subjects' exemplars of a 7B model in float32. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;

    private final TransformerModel model;
    private final long maxBytes;
    private final NDManager manager;
    private final Map<Key, KvCache> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private int hits;
    private int misses;

    public PrefixCache(LanguageModel model, long maxBytes) {
        if (!(model instanceof TransformerModel tm)) {
            throw new IllegalArgumentException(
                    "a prefix cache needs a model loaded by Models.load, got " + model);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        this.model = tm;
        this.maxBytes = maxBytes;
        this.manager = tm.manager().newSubManager();
    }

    /** Whether prefixes may run apart on {@code model} now: no adaptor installed. */
    public static boolean usable(LanguageModel model) {
        return model.adaptorCount() == 0;
    }

    /**
     * How many leading tokens of {@code rows} to take from the cache (0: none worth it). At most
     * {@code keep} tokens of the shortest row are left to the batched pass. The batch's common
     * prefix is cut back to a cached key that starts it, or to the longest prefix it shares with
     * one (a later batch of the same exemplars then finds it), so batches whose questions happen to
     * share a word more or less still meet on the exemplars.
     */
    public int choose(List<int[]> rows, int keep) {
        return choose(rows, keep, Integer.MAX_VALUE);
    }

    /**
     * As {@link #choose(List, int)}, taking at most {@code limit} tokens (the prefix a caller knows
     * its later batches share too).
     */
    public int choose(List<int[]> rows, int keep, int limit) {
        int n = limit;
        for (int[] r : rows) {
            n = Math.min(n, r.length - Math.max(1, keep));
        }
        int[] first = rows.get(0);
        int common = 0;
        while (common < n) {
            int t = first[common];
            boolean all = true;
            for (int[] r : rows) {
                all &= r[common] == t;
            }
            if (!all) {
                break;
            }
            common++;
        }
        int best = 0;
        for (Key k : entries.keySet()) {
            int shared = Math.min(common, k.ids.length);
            int j = 0;
            while (j < shared && k.ids[j] == first[j]) {
                j++;
            }
            best = Math.max(best, j);
        }
        // a cached key covering most of the common prefix (the exemplars), not one sharing only
        // an instruction with it
        int take = best >= MIN_PREFIX && 2 * best >= common ? best : common;
        int window = model.config().slidingWindow();
        int widest = 0;
        for (int[] r : rows) {
            widest = Math.max(widest, r.length);
        }
        if (window > 0 && widest > window) {
            return 0; // padding between prefix and rows would stretch the columns a window counts
        }
        return take >= MIN_PREFIX ? take : 0;
    }

    /**
     * A cache of {@code rows} identical rows holding the keys and values of {@code ids[0..length)},
     * in {@code scope}; continue it with passes over the rows' remaining tokens at positions from
     * {@code length}.
     */
    KvCache rows(NDManager scope, int[] ids, int length, int rows) {
        Key key = new Key(Arrays.copyOf(ids, length));
        KvCache entry = entries.get(key);
        if (entry != null) {
            hits++;
            return entry.copyRows(scope, rows);
        }
        misses++;
        KvCache fresh = new KvCache(manager, model.numLayers());
        TokenBatch prefix = TokenBatch.leftPadded(List.of(key.ids), 0);
        try (NDManager passScope = manager.newSubManager()) {
            model.pass(
                    passScope,
                    Pass.cached(
                            prefix,
                            prefix.ids(),
                            TransformerModel.positions(prefix, 0),
                            TransformerModel.masks(prefix),
                            fresh));
        }
        KvCache out = fresh.copyRows(scope, rows);
        long size = fresh.bytes();
        if (size > maxBytes) {
            fresh.close();
            return out;
        }
        entries.put(key, fresh);
        bytes += size;
        Iterator<Map.Entry<Key, KvCache>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<Key, KvCache> e = it.next();
            bytes -= e.getValue().bytes();
            e.getValue().close();
            it.remove();
        }
        return out;
    }

    /**
     * Logits [B, T, V] of {@code rest}'s rows continuing the cached {@code prefix}: row b's column
     * t predicts the token after {@code prefix + rest[b][0..t]} (padding columns hold garbage). The
     * prefix runs once per distinct ids while cached.
     */
    public ForwardResult forward(NDManager scope, int[] prefix, TokenBatch rest) {
        if (!usable(model)) {
            throw new IllegalStateException(
                    "prefixes cannot run apart while adaptors are installed");
        }
        try (NDManager cacheScope = scope.newSubManager();
                KvCache cache = rows(cacheScope, prefix, prefix.length, rest.size())) {
            return model.pass(
                    scope,
                    new Pass(
                            rest,
                            rest.ids(),
                            TransformerModel.positions(rest, prefix.length),
                            TransformerModel.masks(rest),
                            cache,
                            Interventions.none(),
                            false,
                            0,
                            null,
                            null));
        }
    }

    /** Lookups answered from the cache. */
    public int hits() {
        return hits;
    }

    /** Lookups that computed their prefix. */
    public int misses() {
        return misses;
    }

    /** Bytes of keys and values kept. */
    public long bytes() {
        return bytes;
    }

    /** Prefixes kept. */
    public int size() {
        return entries.size();
    }

    @Override
    public void close() {
        entries.clear();
        bytes = 0;
        manager.close();
    }

    private record Key(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }
}
