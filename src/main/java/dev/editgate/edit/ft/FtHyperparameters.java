package dev.editgate.edit.ft;

import dev.editgate.edit.Hyperparameters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FT-L's hyperparameters, named as in EasyEdit's {@code hparams/FT/*.yaml}.
 *
 * @param layers layers whose MLP output projection (weight and bias) is trained
 * @param steps {@code num_steps}
 * @param lr Adam learning rate
 * @param weightDecay Adam's L2 weight decay
 * @param normConstraint L∞ bound on each weight's change ({@code norm_constraint}; 0: none)
 * @param objective {@code prompt_last} (every target token from the prompt's last position, as
 *     ROME's FT-L baseline) or {@code target_new} (teacher-forced over the target)
 */
public record FtHyperparameters(
        List<Integer> layers,
        int steps,
        double lr,
        double weightDecay,
        double normConstraint,
        String objective) {

    /** EasyEdit's GPT-J defaults. */
    public static final Map<String, Object> DEFAULTS = Collections.unmodifiableMap(defaults());

    public static final Set<String> KEYS = keys();

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layers", List.of(21));
        d.put("num_steps", 25);
        d.put("lr", 5e-4);
        d.put("weight_decay", 0.0);
        d.put("norm_constraint", 5e-4);
        d.put("objective_optimization", "prompt_last");
        return d;
    }

    private static Set<String> keys() {
        Set<String> k = new LinkedHashSet<>(defaults().keySet());
        k.add(Hyperparameters.PRESET);
        k.add(Hyperparameters.FILE);
        return Collections.unmodifiableSet(k);
    }

    public static FtHyperparameters from(Hyperparameters h) {
        int steps = h.getInt("num_steps");
        double lr = h.getDouble("lr");
        double wd = h.getDouble("weight_decay");
        double eps = h.getDouble("norm_constraint");
        String objective = h.getString("objective_optimization");
        if (steps < 1) {
            throw new IllegalArgumentException(
                    "ft hyperparameter 'num_steps' = " + steps + " must be >= 1");
        }
        if (!(lr > 0) || !(wd >= 0) || !(eps >= 0)) {
            throw new IllegalArgumentException(
                    "ft hyperparameters need lr > 0, weight_decay >= 0,"
                            + " norm_constraint >= 0; got "
                            + lr
                            + ", "
                            + wd
                            + ", "
                            + eps);
        }
        if (!objective.equals("prompt_last") && !objective.equals("target_new")) {
            throw new IllegalArgumentException(
                    "ft hyperparameter 'objective_optimization' = "
                            + objective
                            + " is not accepted; accepted: prompt_last, target_new");
        }
        return new FtHyperparameters(
                List.copyOf(h.getIntList("layers")), steps, lr, wd, eps, objective);
    }
}
