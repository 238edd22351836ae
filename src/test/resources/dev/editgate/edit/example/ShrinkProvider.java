package org.example.editing;

import ai.djl.ndarray.NDArray;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code method: shrink}: each edit multiplies one weight by {@code factor}. */
public final class ShrinkProvider implements EditMethodProvider {
    @Override
    public String name() {
        return "shrink";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return Set.of("tensor", "factor");
    }

    @Override
    public void validate(Map<String, Object> hparams) {
        if (!(hparams.get("tensor") instanceof String)
                || !(hparams.get("factor") instanceof Number)) {
            throw new IllegalArgumentException("needs tensor (a weight's name) and factor");
        }
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hparams) {
        String tensor = (String) hparams.get("tensor");
        double factor = ((Number) hparams.get("factor")).doubleValue();
        return new EditMethod() {
            @Override
            public String name() {
                return "shrink";
            }

            @Override
            public AppliedEdit apply(LanguageModel m, List<EditRequest> batch) {
                for (EditRequest r : batch) {
                    try (NDArray scaled = m.weights().get(tensor).mul(factor)) {
                        m.weights().set(tensor, scaled); // journaled, restorable
                    }
                }
                return new AppliedEdit(List.of(tensor), Map.of("factor", factor));
            }
        };
    }
}
