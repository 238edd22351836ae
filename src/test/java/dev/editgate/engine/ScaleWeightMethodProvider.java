package dev.editgate.engine;

import ai.djl.ndarray.NDArray;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.model.LanguageModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only method {@code scale-weight}: every edit request multiplies one weight by {@code factor}
 * in place, so after n edits its norm is exactly {@code factor^n} times the pristine norm. Counts
 * the requests it applied (to check that a resumed run does not redo work).
 */
public final class ScaleWeightMethodProvider implements EditMethodProvider {
    static final AtomicInteger APPLIED = new AtomicInteger();

    @Override
    public String name() {
        return "scale-weight";
    }

    private static final Set<String> KEYS =
            Set.of("tensor", "factor", "layers", Hyperparameters.PRESET);

    @Override
    public Set<String> hyperparameterKeys() {
        return KEYS;
    }

    @Override
    public void validate(Map<String, Object> hparams) {
        validate(hparams, EditEnvironment.defaults());
    }

    @Override
    public void validate(Map<String, Object> hparams, EditEnvironment environment) {
        Map<String, Object> h = resolve(hparams, environment);
        if (!(h.get("factor") instanceof Number)) {
            throw new IllegalArgumentException("factor must be a number, was " + h.get("factor"));
        }
    }

    /** The suite's values over a {@code preset} (under the environment's presets root). */
    private static Map<String, Object> resolve(
            Map<String, Object> hparams, EditEnvironment environment) {
        return Hyperparameters.resolve("scale-weight", Map.of(), hparams, KEYS, environment)
                .values();
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hparams, EditContext ctx) {
        return create(model, resolve(hparams, ctx.environment()));
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hparams) {
        String tensor = (String) hparams.getOrDefault("tensor", "model.embed_tokens.weight");
        float factor = ((Number) hparams.get("factor")).floatValue();
        return new EditMethod() {
            @Override
            public String name() {
                return "scale-weight";
            }

            @Override
            public boolean keepsStateInWeights() {
                return true; // the scaled tensor is all it changes
            }

            @Override
            public AppliedEdit apply(LanguageModel m, List<EditRequest> batch) {
                for (int i = 0; i < batch.size(); i++) {
                    NDArray scaled = m.weights().get(tensor).mul(factor);
                    try {
                        m.weights().set(tensor, scaled);
                    } finally {
                        scaled.close();
                    }
                    APPLIED.incrementAndGet();
                }
                return new AppliedEdit(List.of(tensor), Map.of("factor", factor));
            }
        };
    }
}
