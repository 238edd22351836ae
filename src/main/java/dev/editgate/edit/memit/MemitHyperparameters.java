package dev.editgate.edit.memit;

import dev.editgate.edit.ContextTemplates;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.ValueOptimization;
import dev.editgate.edit.rome.RomeHyperparameters;
import dev.editgate.edit.stats.StatsSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MEMIT's hyperparameters, named as in {@code kmeng01/memit}'s {@code hparams/MEMIT/*.json}.
 *
 * @param layers the critical layers, ascending; z is optimised at the last one
 * @param valueSettings compute_z's optimisation settings
 * @param mom2UpdateWeight λ in (λ C + K Kᵀ)⁻¹
 * @param stats second-moment statistics source
 * @param contextLengthParams [length, count] pairs for context templates
 * @param contextTemplates fixed templates instead of generated ones, or null
 * @param seed sampling seed for generated templates
 * @param templateSampling {@code context_template_sampling}: how generated templates are sampled
 *     ({@code top-p}, EditGate's default, or {@code top-k}, the reference's)
 */
public record MemitHyperparameters(
        List<Integer> layers,
        ValueOptimization.Settings valueSettings,
        double mom2UpdateWeight,
        StatsSpec stats,
        List<int[]> contextLengthParams,
        List<String> contextTemplates,
        long seed,
        ContextTemplates.Sampling templateSampling) {

    /** Defaults: MEMIT's GPT-2 XL settings, statistics from WikiText-2 in the shared folder. */
    public static final Map<String, Object> DEFAULTS = Collections.unmodifiableMap(defaults());

    /** Every accepted key. */
    public static final Set<String> KEYS = keys();

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layers", List.of(13, 14, 15, 16, 17));
        d.put("layer_selection", "all");
        d.put("fact_token", "subject_last");
        d.put("v_num_grad_steps", 20);
        d.put("v_lr", 0.5);
        d.put("v_loss_layer", -1);
        d.put("v_weight_decay", 0.5);
        d.put("clamp_norm_factor", 0.75);
        d.put("kl_factor", 0.0625);
        d.put("mom2_adjustment", true);
        d.put("mom2_update_weight", 20000.0);
        d.putAll(StatsSpec.DEFAULTS);
        d.put("context_template_length_params", List.of(List.of(10, 5)));
        d.put("context_templates", null);
        d.put("seed", 0);
        d.put(ContextTemplates.SAMPLING_KEY, ContextTemplates.Sampling.TOP_P.key());
        return d;
    }

    private static Set<String> keys() {
        Set<String> k = new LinkedHashSet<>(defaults().keySet());
        k.add(Hyperparameters.PRESET);
        k.add(Hyperparameters.FILE);
        return Collections.unmodifiableSet(k);
    }

    public static MemitHyperparameters from(Hyperparameters h) {
        List<Integer> layers = h.getIntList("layers");
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i) <= layers.get(i - 1)) {
                throw new IllegalArgumentException(
                        "memit hyperparameter 'layers' = "
                                + layers
                                + " must be strictly ascending");
            }
        }
        String selection = h.getString("layer_selection");
        if (!"all".equals(selection)) {
            throw new IllegalArgumentException(
                    "memit hyperparameter 'layer_selection' = "
                            + selection
                            + " is not supported; accepted: all");
        }
        if (!h.getBoolean("mom2_adjustment")) {
            throw new IllegalArgumentException(
                    "memit hyperparameter 'mom2_adjustment' = false is not supported: MEMIT's update"
                            + " solves with the key covariance; accepted: true");
        }
        double lambda = h.getDouble("mom2_update_weight");
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException(
                    "memit hyperparameter 'mom2_update_weight' = " + lambda + " must be >= 0");
        }
        return new MemitHyperparameters(
                List.copyOf(layers),
                RomeHyperparameters.valueSettings(h),
                lambda,
                RomeHyperparameters.statsSpec(h),
                h.getIntPairs("context_template_length_params"),
                h.getStringList("context_templates"),
                h.getInt("seed"),
                RomeHyperparameters.templateSampling(h));
    }
}
