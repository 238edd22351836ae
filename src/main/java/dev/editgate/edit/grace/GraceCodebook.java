package dev.editgate.edit.grace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import dev.editgate.model.nn.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * GRACE's discrete key-value adaptor at one layer (Hartvigsen et al. 2023). Keys are MLP keys
 * ({@code Site.mlpKey}, [I]) and values replace the MLP output ({@code Site.mlpOut}, [H}).
 *
 * <p>Installed as two adaptors: the key hook remembers the pass's keys [B, T, I]; the output hook
 * finds, for every token, the nearest codebook key (Euclidean) and, when the distance is within
 * that entry's radius ε, replaces the MLP output there by the entry's value. Every token is
 * checked, so a prompt's last token triggers its edit whether it is the last token of the pass
 * (generation) or followed by teacher-forced target tokens (scoring).
 */
final class GraceCodebook {
    /** One codebook entry; the arrays live on the codebook's manager. */
    record Entry(NDArray key, NDArray value, double eps, String label) {}

    private final NDManager manager;
    private final List<Entry> entries = new ArrayList<>();
    private NDArray pendingKeys; // [B, T, I] of the pass in progress
    private int trainingIndex = -1;
    private NDArray trainingValue; // [H], requires gradient while a value is trained

    GraceCodebook(NDManager manager) {
        this.manager = manager;
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

    NDArray keyHook(Site site, NDArray activation, TokenBatch batch) {
        pendingKeys = activation;
        return activation;
    }

    NDArray outputHook(Site site, NDArray activation, TokenBatch batch) {
        NDArray k = pendingKeys;
        pendingKeys = null;
        if (entries.isEmpty() || k == null) {
            return activation;
        }
        NDManager scope = activation.getManager();
        // distances only choose an entry: no gradient flows through them (sqrt has none at 0)
        NDArray q = k.stopGradient().toType(DataType.FLOAT32, false); // [B, T, I]
        NDArray keys =
                NDArrays.stack(new NDList(entries.stream().map(Entry::key).toList()))
                        .stopGradient(); // [K, I]
        keys.attach(scope);
        List<NDArray> vals = new ArrayList<>();
        float[] eps = new float[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            vals.add(i == trainingIndex ? trainingValue : entries.get(i).value());
            eps[i] = (float) entries.get(i).eps();
        }
        NDArray values = NDArrays.stack(new NDList(vals)); // [K, H]
        values.attach(scope);
        NDArray d2 =
                q.square()
                        .sum(new int[] {-1}, true) // [B, T, 1]
                        .sub(Scalars.mul(q.matMul(keys.transpose()), 2)) // [B, T, K]
                        .add(keys.square().sum(new int[] {1})); // [K]
        NDArray dist = Scalars.maximum(d2, 0).sqrt(); // [B, T, K]
        NDArray nearest = dist.argMin(-1); // [B, T]
        NDArray dmin = dist.min(new int[] {-1}); // [B, T]
        NDArray radius = scope.create(eps).take(nearest); // [B, T]
        NDArray gate = dmin.lte(radius).toType(DataType.FLOAT32, false).expandDims(-1); // [B, T, 1]
        long b = activation.getShape().get(0);
        long t = activation.getShape().get(1);
        NDArray chosen =
                values.get(new NDIndex("{}", nearest.reshape(-1))).reshape(b, t, -1); // [B, T, H]
        NDArray out =
                activation
                        .toType(DataType.FLOAT32, false)
                        .mul(gate.neg().add(1))
                        .add(chosen.mul(gate)); // [B, T, H]
        return out.toType(activation.getDataType(), false);
    }

    /** Distance from {@code key} ([I]) to every entry's key. */
    double[] distances(NDArray key) {
        double[] out = new double[entries.size()];
        for (int i = 0; i < out.length; i++) {
            try (NDArray d = entries.get(i).key().sub(key.toType(DataType.FLOAT32, false));
                    NDArray n = d.norm()) {
                out[i] = n.toType(DataType.FLOAT64, false).getDouble();
            }
        }
        return out;
    }
}
