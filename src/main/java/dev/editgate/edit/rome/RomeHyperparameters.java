package dev.editgate.edit.rome;

import dev.editgate.edit.ContextTemplates;
import dev.editgate.edit.FactToken;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.ValueOptimization;
import dev.editgate.edit.stats.StatsSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ROME's hyperparameters, named as in {@code kmeng01/rome}'s {@code hparams/ROME/*.json}.
 *
 * @param layer the rewritten layer ({@code layers: [l]}, exactly one)
 * @param valueSettings {@code v_num_grad_steps}, {@code v_lr}, {@code v_weight_decay}, {@code
 *     kl_factor}, {@code clamp_norm_factor}
 * @param mom2Adjustment whether the left vector uses C⁻¹ (ROME) or the identity (EasyEdit's default
 *     for LLaMA)
 * @param stats where the second moments come from ({@code mom2_dataset}, {@code mom2_n_samples},
 *     {@code mom2_documents}, {@code mom2_seed}, {@code mom2_dtype}, {@code mom2_max_length})
 * @param contextLengthParams {@code context_template_length_params}: [length, count] pairs
 * @param contextTemplates fixed templates instead of generated ones, or null
 * @param seed sampling seed for generated templates
 * @param templateSampling {@code context_template_sampling}: how generated templates are sampled
 *     ({@code top-p}, EditGate's default, or {@code top-k}, the reference's)
 */
public record RomeHyperparameters(
        int layer,
        ValueOptimization.Settings valueSettings,
        boolean mom2Adjustment,
        StatsSpec stats,
        List<int[]> contextLengthParams,
        List<String> contextTemplates,
        long seed,
        ContextTemplates.Sampling templateSampling) {

    /** Defaults: ROME's GPT-2 XL settings, with statistics from WikiText-2 in the shared folder. */
    public static final Map<String, Object> DEFAULTS =
            java.util.Collections.unmodifiableMap(defaults());

    /** Every accepted key. */
    public static final Set<String> KEYS = Set.copyOf(keys());

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layers", List.of(17));
        d.put("fact_token", "subject_last");
        d.put("v_num_grad_steps", 20);
        d.put("v_lr", 0.5);
        d.put("v_loss_layer", -1);
        d.put("v_weight_decay", 0.5);
        d.put("clamp_norm_factor", 4.0);
        d.put("kl_factor", 0.0625);
        d.put("mom2_adjustment", true);
        d.putAll(StatsSpec.DEFAULTS);
        d.put("context_template_length_params", List.of(List.of(5, 10), List.of(10, 10)));
        d.put("context_templates", null);
        d.put("seed", 0);
        d.put(ContextTemplates.SAMPLING_KEY, ContextTemplates.Sampling.TOP_P.key());
        return d;
    }

    private static java.util.Set<String> keys() {
        java.util.Set<String> k = new java.util.LinkedHashSet<>(defaults().keySet());
        k.add(Hyperparameters.PRESET);
        k.add(Hyperparameters.FILE);
        return k;
    }

    /** Reads and validates resolved values. */
    public static RomeHyperparameters from(Hyperparameters h) {
        List<Integer> layers = h.getIntList("layers");
        if (layers.size() != 1) {
            throw new IllegalArgumentException(
                    "rome hyperparameter 'layers' = " + layers + " must name exactly one layer");
        }
        ValueOptimization.Settings v = valueSettings(h);
        return new RomeHyperparameters(
                layers.get(0),
                v,
                h.getBoolean("mom2_adjustment"),
                statsSpec(h),
                h.getIntPairs("context_template_length_params"),
                h.getStringList("context_templates"),
                h.getInt("seed"),
                templateSampling(h));
    }

    /** {@code context_template_sampling}, checked. */
    public static ContextTemplates.Sampling templateSampling(Hyperparameters h) {
        return ContextTemplates.Sampling.parse(
                h.method(), h.getString(ContextTemplates.SAMPLING_KEY));
    }

    /** {@code v_*}, {@code kl_factor} and {@code clamp_norm_factor}, range-checked. */
    public static ValueOptimization.Settings valueSettings(Hyperparameters h) {
        int steps = h.getInt("v_num_grad_steps");
        double lr = h.getDouble("v_lr");
        double wd = h.getDouble("v_weight_decay");
        double kl = h.getDouble("kl_factor");
        double clamp = h.getDouble("clamp_norm_factor");
        require(h, steps >= 1, "v_num_grad_steps", steps, ">= 1");
        require(h, lr > 0, "v_lr", lr, "> 0");
        require(h, wd >= 0, "v_weight_decay", wd, ">= 0");
        require(h, kl >= 0, "kl_factor", kl, ">= 0");
        require(h, clamp > 0, "clamp_norm_factor", clamp, "> 0");
        FactToken fact = FactToken.parse(h.method(), h.getString("fact_token"));
        return new ValueOptimization.Settings(steps, lr, wd, kl, clamp, fact);
    }

    /** {@code mom2_*} as a statistics spec. */
    public static StatsSpec statsSpec(Hyperparameters h) {
        return StatsSpec.from(h);
    }

    static void require(Hyperparameters h, boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(
                    h.method() + " hyperparameter '" + key + "' = " + value + " must be " + rule);
        }
    }
}
