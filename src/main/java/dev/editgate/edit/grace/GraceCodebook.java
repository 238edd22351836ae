package dev.editgate.edit.grace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GRACE's discrete key-value adaptor at one layer (Hartvigsen et al. 2023). Keys are MLP keys
 * ({@code Site.mlpKey}, [I]) and values replace the MLP output ({@code Site.mlpOut}, [H]).
 *
 * <p>Installed as two adaptors: the key hook remembers the pass's keys [B, T, I]; the output hook
 * looks up ONE token per row, the batch's query column ({@link TokenBatch#query}: the prompt's last
 * token, the reference's {@code key_id}), finds the nearest codebook key (Euclidean) and, when the
 * distance is within that entry's radius ε, replaces the MLP output by the entry's value at the
 * positions {@code replacement} names, as EasyEdit's {@code GRACEAdapter.forward}:
 *
 * <ul>
 *   <li>{@code replace_last}: the query token only;
 *   <li>{@code replace_prompt}: the row's tokens before the query token ({@code layer_out[:,
 *       :token_to_edit]}: the query token itself is not replaced);
 *   <li>{@code replace_all}: every token of the row; in a generation step that extends a cached
 *       pass ({@link TokenBatch#NO_QUERY}) the new tokens are replaced when that pass's query hit,
 *       as the reference's uncached generation replaces them at every step.
 * </ul>
 *
 * Teacher-forced answer tokens and the tokens of a prompt other than its last are therefore never
 * looked up.
 */
final class GraceCodebook {
    /**
     * One codebook entry; the arrays live on the codebook's manager.
     *
     * @param label the target tokens of the edit that made the entry
     */
    record Entry(NDArray key, NDArray value, float eps, int[] label) {}

    private final NDManager manager;
    private final String replacement;
    private final List<Entry> entries = new ArrayList<>();
    private NDArray pendingKeys; // [B, T, I] of the pass in progress
    private int trainingIndex = -1;
    private NDArray trainingValue; // [H], requires gradient while a value is trained
    private boolean bypass;
    private int[] lastChosen; // (B) entry each row of the last querying pass hit, -1 for none

    GraceCodebook(NDManager manager, String replacement) {
        this.manager = manager;
        this.replacement = replacement;
    }

    List<Entry> entries() {
        return entries;
    }

    int size() {
        return entries.size();
    }

    NDManager manager() {
        return manager;
    }

    /** Replaces all entries (restoring a copy after a failed edit). */
    void reset(List<Entry> saved) {
        entries.clear();
        entries.addAll(saved);
        stopTraining();
        lastChosen = null;
    }

    /** Routes entry {@code index} through {@code value} in later passes (for its optimisation). */
    void train(int index, NDArray value) {
        trainingIndex = index;
        trainingValue = value;
    }

    void stopTraining() {
        trainingIndex = -1;
        trainingValue = null;
    }

    /** While set, passes run as without the codebook (the layer's own output, for warm values). */
    void bypass(boolean on) {
        bypass = on;
    }

    NDArray keyHook(Site site, NDArray activation, TokenBatch batch) {
        pendingKeys = activation;
        return activation;
    }

    NDArray outputHook(Site site, NDArray activation, TokenBatch batch) {
        NDArray k = pendingKeys;
        pendingKeys = null;
        if (bypass || entries.isEmpty() || k == null) {
            return activation;
        }
        int b = (int) activation.getShape().get(0);
        int t = (int) activation.getShape().get(1);
        int[] chosen = new int[b];
        boolean continuing = true;
        for (int r = 0; r < b; r++) {
            continuing &= batch.query(r) == TokenBatch.NO_QUERY;
        }
        if (continuing) {
            if (!replacement.equals("replace_all")
                    || lastChosen == null
                    || lastChosen.length != b) {
                return activation;
            }
            chosen = lastChosen.clone();
        } else {
            chosen = lookUp(k, batch, b, t);
            lastChosen = chosen.clone();
        }
        float[] mask = new float[b * t]; // 1 where the row's chosen value replaces the output
        boolean any = false;
        for (int r = 0; r < b; r++) {
            if (chosen[r] < 0) {
                continue;
            }
            any = true;
            int from;
            int to; // columns [from, to)
            if (continuing) {
                from = batch.offset(r);
                to = t;
            } else {
                int q = batch.query(r);
                switch (replacement) {
                    case "replace_last" -> {
                        from = q;
                        to = q + 1;
                    }
                    case "replace_prompt" -> {
                        from = batch.offset(r);
                        to = q;
                    }
                    default -> {
                        from = batch.offset(r);
                        to = t;
                    }
                }
            }
            Arrays.fill(mask, r * t + from, r * t + to, 1f);
        }
        if (!any) {
            return activation;
        }
        NDManager scope = activation.getManager();
        List<NDArray> rows = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            int e = Math.max(chosen[r], 0);
            rows.add(e == trainingIndex ? trainingValue : entries.get(e).value());
        }
        NDArray stacked = NDArrays.stack(new NDList(rows)); // [B, H]
        stacked.attach(scope); // created on an entry's manager: freed with the pass instead
        NDArray values = stacked.expandDims(1); // [B, 1, H]
        float[] keep = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            keep[i] = 1f - mask[i];
        }
        // autograd keeps both masks for the backward pass: they must own their memory (a tensor
        // over a Java buffer can be read after the JVM reused it; see model.nn.Scalars)
        NDArray gate = owned(scope, mask, new Shape(b, t, 1)); // [B, T, 1]
        NDArray kept = owned(scope, keep, new Shape(b, t, 1));
        NDArray out =
                activation
                        .toType(DataType.FLOAT32, false)
                        .mul(kept)
                        .add(values.mul(gate)); // [B, T, H]
        return out.toType(activation.getDataType(), false);
    }

    /** {@code data} as an array on {@code manager} that owns a copy of its memory. */
    private static NDArray owned(NDManager manager, float[] data, Shape shape) {
        NDArray wrapped = manager.create(data, shape);
        NDArray copy = wrapped.duplicate();
        wrapped.close();
        return copy;
    }

    /**
     * For each row: the nearest entry to the key at its query column when within that entry's
     * radius, else -1 (no gradient flows through the distances: they only choose).
     */
    private int[] lookUp(NDArray k, TokenBatch batch, int b, int t) {
        int[] chosen = new int[b];
        Arrays.fill(chosen, -1);
        List<Integer> queried = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            if (batch.query(r) != TokenBatch.NO_QUERY) {
                queried.add(r);
            }
        }
        if (queried.isEmpty()) {
            return chosen;
        }
        long[] flat = new long[queried.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (long) queried.get(i) * t + batch.query(queried.get(i));
        }
        float[] d;
        int n = entries.size();
        try (NDManager m = manager.newSubManager()) {
            NDArray q =
                    k.stopGradient()
                            .toType(DataType.FLOAT32, false)
                            .reshape(b * t, -1)
                            .get(m.create(flat)); // [Q, I]
            NDArray keys = NDArrays.stack(new NDList(entries.stream().map(Entry::key).toList()));
            keys.attach(m); // [K, I]
            d =
                    q.expandDims(1)
                            .sub(keys.expandDims(0))
                            .square()
                            .sum(new int[] {2})
                            .sqrt()
                            .toFloatArray(); // [Q, K]
        }
        for (int i = 0; i < flat.length; i++) {
            int best = 0;
            for (int j = 1; j < n; j++) {
                if (d[i * n + j] < d[i * n + best]) {
                    best = j; // the first of equal distances, as torch's min
                }
            }
            if (d[i * n + best] <= entries.get(best).eps()) {
                chosen[queried.get(i)] = best;
            }
        }
        return chosen;
    }

    /** Distance (float32, as the reference's {@code cdist}) from {@code key} ([I]) to every key. */
    float[] distances(NDArray key) {
        float[] out = new float[entries.size()];
        for (int i = 0; i < out.length; i++) {
            try (NDArray d = entries.get(i).key().sub(key.toType(DataType.FLOAT32, false));
                    NDArray n = d.square().sum().sqrt()) {
                out[i] = n.toType(DataType.FLOAT32, false).getFloat();
            }
        }
        return out;
    }
}
