package dev.editgate.edit.alphaedit;

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
 * AlphaEdit's hyperparameters, named as in EasyEdit's {@code hparams/AlphaEdit/*.yaml}
 * (zjunlp/EasyEdit 14cea82; the same fields as jianghoucheng/AlphaEdit's {@code
 * hparams/AlphaEdit/*.json}). MEMIT's fields, less {@code mom2_adjustment} and {@code
 * mom2_update_weight}, which AlphaEdit's solve does not read, plus:
 *
 * @param layers the critical layers, ascending; z is optimised at the last one
 * @param valueSettings compute_z's optimisation settings
 * @param nullspaceThreshold eigenvalues of K₀K₀ᵀ below it span the null space ({@code
 *     nullspace_threshold})
 * @param l2 the ridge term α in (P (K Kᵀ + K_p K_pᵀ) + α I) ({@code L2})
 * @param stats second-moment statistics source
 * @param contextLengthParams [length, count] pairs for context templates
 * @param contextTemplates fixed templates instead of generated ones, or null
 * @param seed sampling seed for generated templates
 * @param templateSampling {@code context_template_sampling}: how generated templates are sampled
 *     ({@code top-p}, EditGate's default, or {@code top-k}, the reference's)
 */
public record AlphaEditHyperparameters(
        List<Integer> layers,
        ValueOptimization.Settings valueSettings,
        double nullspaceThreshold,
        double l2,
        StatsSpec stats,
        List<int[]> contextLengthParams,
        List<String> contextTemplates,
        long seed,
        ContextTemplates.Sampling templateSampling) {

    /** Defaults: EasyEdit's AlphaEdit GPT-2 XL settings, statistics from WikiText-2. */
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
        d.put("nullspace_threshold", 2e-2);
        d.put("L2", 10.0);
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

    public static AlphaEditHyperparameters from(Hyperparameters h) {
        List<Integer> layers = h.getIntList("layers");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("alphaedit hyperparameter 'layers' is empty");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i) <= layers.get(i - 1)) {
                throw new IllegalArgumentException(
                        "alphaedit hyperparameter 'layers' = "
                                + layers
                                + " must be strictly ascending");
            }
        }
        String selection = h.getString("layer_selection");
        if (!"all".equals(selection)) {
            throw new IllegalArgumentException(
                    "alphaedit hyperparameter 'layer_selection' = "
                            + selection
                            + " is not supported; accepted: all");
        }
        double threshold = h.getDouble("nullspace_threshold");
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(
                    "alphaedit hyperparameter 'nullspace_threshold' = "
                            + threshold
                            + " must be a finite number > 0");
        }
        double l2 = h.getDouble("L2");
        if (!(l2 > 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(
                    "alphaedit hyperparameter 'L2' = "
                            + l2
                            + " must be a finite number > 0 (it keeps the solve regular)");
        }
        return new AlphaEditHyperparameters(
                List.copyOf(layers),
                RomeHyperparameters.valueSettings(h),
                threshold,
                l2,
                RomeHyperparameters.statsSpec(h),
                h.getIntPairs("context_template_length_params"),
                h.getStringList("context_templates"),
                h.getInt("seed"),
                RomeHyperparameters.templateSampling(h));
    }
}
