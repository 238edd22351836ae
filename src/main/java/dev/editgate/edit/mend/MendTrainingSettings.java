package dev.editgate.edit.mend;

import dev.editgate.edit.Hyperparameters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of {@code editgate train mend}, named and defaulted as EasyEdit's {@code
 * hparams/TRAINING/MEND/*.yaml} (the published ones). Read from a preset {@code
 * hparams/mend/<name>.yaml}, a file, and overrides, in that order.
 *
 * @param layers layers whose MLP matrices are edited; empty: the last three (the reference's)
 * @param editLr initial edit learning rate of every matrix
 * @param lr Adam learning rate of the hypernetwork and the edit learning rates
 * @param cedit weight of the edit loss
 * @param cloc weight of the locality (KL) loss
 * @param nHidden hidden layers of each transform
 * @param rank rank of each low-rank layer (capped at its width)
 * @param norm normalise the factors by their running mean and standard deviation
 * @param batchSize training records edited together per iteration
 * @param valBatchSize validation records edited together
 * @param valSteps validation batches per periodic validation
 * @param valInterval iterations between validations (also at iteration 0)
 * @param logInterval iterations between averaged training log lines
 * @param earlyStopPatience stop when the early-stopping figure has not improved for this many
 *     iterations
 * @param earlyStopKey the validation figure that must fall ({@code loss/total_edit_val})
 * @param maxIters iterations at most
 * @param accumulateBs iterations whose gradients are summed into one optimizer step
 * @param gradClip total gradient norm clip
 * @param seed seeds the hypernetwork's initial values and the order of the training records
 * @param checkpointInterval iterations between resumable checkpoints (EditGate's, not the
 *     reference's)
 */
public record MendTrainingSettings(
        List<Integer> layers,
        double editLr,
        double lr,
        double cedit,
        double cloc,
        int nHidden,
        int rank,
        boolean norm,
        int batchSize,
        int valBatchSize,
        int valSteps,
        int valInterval,
        int logInterval,
        int earlyStopPatience,
        String earlyStopKey,
        int maxIters,
        int accumulateBs,
        double gradClip,
        long seed,
        int checkpointInterval) {

    /** EasyEdit's published MEND training settings (llama-7b / gpt2-xl files). */
    public static final Map<String, Object> DEFAULTS = Collections.unmodifiableMap(defaults());

    public static final Set<String> KEYS = keys();

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layers", List.of());
        d.put("edit_lr", 1e-4);
        d.put("lr", 1e-6);
        d.put("cedit", 0.1);
        d.put("cloc", 1.0);
        d.put("n_hidden", 1);
        d.put("rank", 1920);
        d.put("norm", true);
        d.put("batch_size", 1);
        d.put("val_batch_size", 5);
        d.put("val_steps", 500);
        d.put("val_interval", 1000);
        d.put("log_interval", 1000);
        d.put("early_stop_patience", 20000);
        d.put("early_stop_key", "loss/total_edit_val");
        d.put("max_iters", 100000);
        d.put("accumulate_bs", 10);
        d.put("grad_clip", 100.0);
        d.put("seed", 42);
        d.put("checkpoint_interval", 1000);
        return d;
    }

    private static Set<String> keys() {
        Set<String> k = new LinkedHashSet<>(defaults().keySet());
        k.add(Hyperparameters.PRESET);
        k.add(Hyperparameters.FILE);
        return Collections.unmodifiableSet(k);
    }

    /** Defaults, then the preset or file {@code values} name, then {@code values} themselves. */
    public static MendTrainingSettings resolve(Map<String, Object> values) {
        return from(Hyperparameters.resolve("mend", DEFAULTS, values, KEYS));
    }

    static MendTrainingSettings from(Hyperparameters h) {
        Object layers = h.values().get("layers");
        List<Integer> ls =
                layers instanceof List<?> l && l.isEmpty() ? List.of() : h.getIntList("layers");
        MendTrainingSettings s =
                new MendTrainingSettings(
                        List.copyOf(ls),
                        h.getDouble("edit_lr"),
                        h.getDouble("lr"),
                        h.getDouble("cedit"),
                        h.getDouble("cloc"),
                        h.getInt("n_hidden"),
                        h.getInt("rank"),
                        h.getBoolean("norm"),
                        h.getInt("batch_size"),
                        h.getInt("val_batch_size"),
                        h.getInt("val_steps"),
                        h.getInt("val_interval"),
                        h.getInt("log_interval"),
                        h.getInt("early_stop_patience"),
                        h.getString("early_stop_key"),
                        h.getInt("max_iters"),
                        h.getInt("accumulate_bs"),
                        h.getDouble("grad_clip"),
                        h.getInt("seed"),
                        h.getInt("checkpoint_interval"));
        s.check();
        return s;
    }

    private void check() {
        positive("batch_size", batchSize);
        positive("val_batch_size", valBatchSize);
        positive("val_steps", valSteps);
        positive("val_interval", valInterval);
        positive("log_interval", logInterval);
        positive("early_stop_patience", earlyStopPatience);
        positive("max_iters", maxIters);
        positive("accumulate_bs", accumulateBs);
        positive("checkpoint_interval", checkpointInterval);
        positive("rank", rank);
        if (nHidden < 0) {
            throw new IllegalArgumentException("mend setting 'n_hidden' = " + nHidden + " < 0");
        }
        if (!(lr > 0) || !(gradClip > 0) || !Double.isFinite(editLr)) {
            throw new IllegalArgumentException(
                    "mend settings need lr > 0, grad_clip > 0 and a finite edit_lr; got "
                            + lr
                            + ", "
                            + gradClip
                            + ", "
                            + editLr);
        }
        if (!(cedit >= 0) || !(cloc >= 0)) {
            throw new IllegalArgumentException(
                    "mend settings cedit and cloc must be >= 0; got " + cedit + ", " + cloc);
        }
        List<String> keys =
                List.of("loss/total_edit_val", "loss/edit_val", "loss/loc_val", "loss/total_val");
        if (!keys.contains(earlyStopKey)) {
            throw new IllegalArgumentException(
                    "mend setting 'early_stop_key' = "
                            + earlyStopKey
                            + " is not accepted (a loss, lower is better; accepted: "
                            + keys
                            + ")");
        }
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(
                    "mend setting '" + key + "' = " + value + " must be >= 1");
        }
    }

    MendConfig config() {
        return new MendConfig(nHidden, rank, norm, editLr);
    }

    /** The settings as the archive records them. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", layers);
        m.put("edit_lr", editLr);
        m.put("lr", lr);
        m.put("cedit", cedit);
        m.put("cloc", cloc);
        m.put("n_hidden", nHidden);
        m.put("rank", rank);
        m.put("norm", norm);
        m.put("batch_size", batchSize);
        m.put("val_batch_size", valBatchSize);
        m.put("val_steps", valSteps);
        m.put("val_interval", valInterval);
        m.put("log_interval", logInterval);
        m.put("early_stop_patience", earlyStopPatience);
        m.put("early_stop_key", earlyStopKey);
        m.put("max_iters", maxIters);
        m.put("accumulate_bs", accumulateBs);
        m.put("grad_clip", gradClip);
        m.put("seed", seed);
        m.put("checkpoint_interval", checkpointInterval);
        return m;
    }
}
