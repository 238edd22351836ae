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
 * @param epsExpand {@code coverage} (radius grows to the new key's distance) or {@code
 *     moving_average} (key moves halfway to the new one, radius to the distance), as EasyEdit's and
 *     the GRACE repository's code compare it (their YAML comments say {@code moving_avg}, which the
 *     code never matches: with it, a same-label key outside the radius expands nothing)
 * @param replacement which positions a hit replaces, as the reference: {@code replace_last} (the
 *     query token only), {@code replace_prompt} (the tokens before the query token, not the query
 *     token itself: the reference's {@code layer_out[:, :token_to_edit]}) or {@code replace_all}
 *     (every token of the sequence, generated ones included)
 * @param stopBelowLoss opt-in early stop: a value's training ends once the loss falls below this; 0
 *     (the default) trains {@code n_iter} steps as the reference does (EasyEdit's {@code reg:
 *     early_stop} is read by no code)
 * @param seed seed of cold value initialisation
 */
public record GraceHyperparameters(
        int layer,
        double editLr,
        int nIter,
        double eps,
        String valInit,
        String epsExpand,
        String replacement,
        double stopBelowLoss,
        long seed) {

    /** Accepted {@code replacement} values. */
    public static final java.util.List<String> REPLACEMENTS =
            java.util.List.of("replace_last", "replace_prompt", "replace_all");

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
        d.put("replacement", "replace_last");
        d.put("stop_below_loss", 0.0);
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
        if (!expand.equals("coverage") && !expand.equals("moving_average")) {
            throw new IllegalArgumentException(
                    "grace hyperparameter 'eps_expand' = "
                            + expand
                            + " is not accepted; accepted: coverage, moving_average"
                            + (expand.equals("moving_avg")
                                    ? " (the reference's YAML comment says moving_avg, but its"
                                            + " code only acts on moving_average)"
                                    : ""));
        }
        String replacement = h.getString("replacement");
        if (!REPLACEMENTS.contains(replacement)) {
            throw new IllegalArgumentException(
                    "grace hyperparameter 'replacement' = "
                            + replacement
                            + " is not accepted; accepted: "
                            + String.join(", ", REPLACEMENTS));
        }
        double stop = h.getDouble("stop_below_loss");
        if (!(stop >= 0)) {
            throw new IllegalArgumentException(
                    "grace hyperparameter 'stop_below_loss' = "
                            + stop
                            + " is not accepted; accepted: 0 (off, train n_iter steps) or a"
                            + " positive loss");
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
                h.getInt("layer"),
                lr,
                n,
                eps,
                valInit,
                expand,
                replacement,
                stop,
                h.getInt("seed"));
    }
}
