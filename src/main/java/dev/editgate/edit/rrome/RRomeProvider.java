package dev.editgate.edit.rrome;

import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.rome.RomeHyperparameters;
import dev.editgate.edit.rome.RomeProvider;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.StatsSpec;
import dev.editgate.model.LanguageModel;
import dev.editgate.text.TextSpan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code method: r-rome}: r-ROME (Gupta et al. 2024, "Rebuilding ROME"), as EasyEdit's {@code
 * R-ROME} with {@code enable_random_prefix_keys} (its default). ROME's update ΔW = r uᵀ with
 *
 * <pre>
 *   u = C⁻¹ k̄ / ‖C⁻¹ k̄‖   (ROME's left vector; C = I without mom2_adjustment)
 *   r = (v₀ + δ − mean over prefixes of (W k + b)) / (k̄ᵀ u)
 * </pre>
 *
 * where k̄ is the key averaged over the context templates and the prompt: ROME reads the key k and
 * the current output at the plain prompt in r, which makes its updates blow up in sequential
 * editing; r-ROME uses the averages in both places. Hyperparameters: ROME's ({@link
 * RomeHyperparameters}); defaults are EasyEdit's R-ROME GPT-2 XL file ({@code mom2_adjustment}
 * false). EasyEdit's switches {@code enable_prompt_keys} (keys from the prompt only) and {@code
 * original_implementation} (plain ROME: {@code method: rome}) are not accepted.
 */
public final class RRomeProvider implements EditMethodProvider {
    /** The method's name in suites. */
    public static final String NAME = "r-rome";

    /** ROME's defaults with EasyEdit's R-ROME GPT-2 XL values. */
    public static final Map<String, Object> DEFAULTS = Collections.unmodifiableMap(defaults());

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>(RomeHyperparameters.DEFAULTS);
        d.put("mom2_adjustment", false);
        d.put("clamp_norm_factor", 4.0);
        d.put("context_template_length_params", List.of(List.of(5, 10), List.of(10, 10)));
        return d;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return RomeHyperparameters.KEYS;
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        validate(hyperparameters, EditEnvironment.defaults());
    }

    @Override
    public void validate(Map<String, Object> hyperparameters, EditEnvironment environment) {
        RomeHyperparameters.from(resolve(hyperparameters, environment));
    }

    /** The statistics corpus when {@code mom2_adjustment} is on. */
    @Override
    public List<TextSpan> statisticsTexts(
            Map<String, Object> hyperparameters, EditEnvironment environment) {
        Hyperparameters h = resolve(hyperparameters, environment);
        if (!h.getBoolean("mom2_adjustment")) {
            return List.of();
        }
        return SecondMomentStats.texts(StatsSpec.from(h), "second moments");
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        return create(model, hyperparameters, (EditContext) null);
    }

    @Override
    public EditMethod create(
            LanguageModel model, Map<String, Object> hyperparameters, EditContext context) {
        EditEnvironment environment =
                context == null ? EditEnvironment.defaults() : context.environment();
        return RomeProvider.create(
                model, RomeHyperparameters.from(resolve(hyperparameters, environment)), NAME, true);
    }

    static Hyperparameters resolve(Map<String, Object> values, EditEnvironment environment) {
        return Hyperparameters.resolve(
                NAME, DEFAULTS, values, RomeHyperparameters.KEYS, environment);
    }
}
