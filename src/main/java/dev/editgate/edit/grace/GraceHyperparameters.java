package dev.editgate.edit.grace;

import dev.editgate.edit.Hyperparameters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * GRACE's hyperparameters, named as in EasyEdit's {@code hparams/GRACE/*.yaml} ({@code
 * inner_params} becomes {@code layer}: the MLP output projection of that layer is wrapped).
 *
 * @param layer the wrapped layer
 * @param editLr Adam learning rate for a codebook value
 * @param nIter optimisation steps per edit
 * @param eps initial deferral radius of a new key
 * @param valInit {@code cold} (uniform random value) or {@code warm} (the layer's own output)
 * @param epsExpand {@code coverage} (radius grows to the new key's distance) or {@code moving_avg}
 *     (key moves halfway to the new one, radius to the distance)
 * @param seed seed of cold value initialisation
 */
public record GraceHyperparameters(
        int layer,
        double editLr,
        int nIter,
        double eps,
        String valInit,
        String epsExpand,
        long seed) {

    /** EasyEdit's LLaMA-7B settings (layer 27). */
    public static final Map<String, Object> DEFAULTS = Collections.unmodifiableMap(defaults());

    public static final Set<String> KEYS = keys();

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layer", 27);
        d.put("edit_lr", 1.0);
        d.put("n_iter", 100);
        d.put("eps", 1.0);
        d.put("dist_fn", "euc");
        d.put("val_init", "cold");
        d.put("eps_expand", "coverage");
        d.put("seed", 0);
        return d;
    }

    private static Set<String> keys() {
        Set<String> k = new LinkedHashSet<>(defaults().keySet());
        k.add(Hyperparameters.PRESET);
        k.add(Hyperparameters.FILE);
        return Collections.unmodifiableSet(k);
    }

    public static GraceHyperparameters from(Hyperparameters h) {
        String dist = h.getString("dist_fn");
        if (!"euc".equals(dist)) {
            throw new IllegalArgumentException(
                    "grace hyperparameter 'dist_fn' = " + dist + " is not accepted; accepted: euc");
        }
        String valInit = h.getString("val_init");
        if (!valInit.equals("cold") && !valInit.equals("warm")) {
            throw new IllegalArgumentException(
                    "grace hyperparameter 'val_init' = "
                            + valInit
                            + " is not accepted; accepted: cold, warm");
        }
        String expand = h.getString("eps_expand");
        if (!expand.equals("coverage") && !expand.equals("moving_avg")) {
            throw new IllegalArgumentException(
                    "grace hyperparameter 'eps_expand' = "
                            + expand
                            + " is not accepted; accepted: coverage, moving_avg");
        }
        double eps = h.getDouble("eps");
        double lr = h.getDouble("edit_lr");
        int n = h.getInt("n_iter");
        if (!(eps > 0) || !(lr > 0) || n < 1) {
            throw new IllegalArgumentException(
                    "grace hyperparameters need eps > 0, edit_lr > 0,"
                            + " n_iter >= 1; got "
                            + eps
                            + ", "
                            + lr
                            + ", "
                            + n);
        }
        return new GraceHyperparameters(
                h.getInt("layer"), lr, n, eps, valInit, expand, h.getInt("seed"));
    }
}
