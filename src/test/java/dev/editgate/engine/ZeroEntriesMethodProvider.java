package dev.editgate.engine;

import ai.djl.ndarray.NDArray;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only method {@code zero-entries}: the k-th edit request (k = 0, 1, ...) sets to zero the
 * entries of one weight whose flat index i has {@code i % period == k % period}, so after k edits
 * (k ≤ period) exactly k/period of any multiple of {@code period} leading entries are zero.
 */
public final class ZeroEntriesMethodProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "zero-entries";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return Set.of("tensor", "period");
    }

    @Override
    public void validate(Map<String, Object> hparams) {
        if (!(hparams.get("period") instanceof Integer p) || p < 1) {
            throw new IllegalArgumentException(
                    "period must be a positive integer, was " + hparams.get("period"));
        }
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hparams) {
        String tensor = (String) hparams.getOrDefault("tensor", "model.embed_tokens.weight");
        int period = (Integer) hparams.get("period");
        return new EditMethod() {
            private int applied;

            @Override
            public String name() {
                return "zero-entries";
            }

            @Override
            public AppliedEdit apply(LanguageModel m, List<EditRequest> batch) {
                NDArray w = m.weights().get(tensor);
                float[] values = w.toFloatArray();
                for (int r = 0; r < batch.size(); r++, applied++) {
                    for (int i = applied % period; i < values.length; i += period) {
                        values[i] = 0;
                    }
                }
                NDArray zeroed = w.getManager().create(values, w.getShape());
                try {
                    m.weights().set(tensor, zeroed);
                } finally {
                    zeroed.close();
                }
                return new AppliedEdit(List.of(tensor), Map.of("edits", applied));
            }
        };
    }
}
