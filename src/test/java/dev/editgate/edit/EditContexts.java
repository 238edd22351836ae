package dev.editgate.edit;

import dev.editgate.bench.EvalContext;
import java.util.List;

/** Edit-metric contexts for editor tests: every edit of the list applied, as one latest batch. */
public final class EditContexts {
    private EditContexts() {}

    /**
     * {@code pristine.get(i)}: the unedited model's locality tokens of edit i (empty when unused).
     */
    public static EvalContext of(List<EditRequest> edits, List<int[]> pristine) {
        return new EvalContext() {
            @Override
            public List<EditRequest> appliedEdits() {
                return edits;
            }

            @Override
            public List<EditRequest> latestEdits() {
                return edits;
            }

            @Override
            public int[] pristineLocalityTokens(int index) {
                return pristine.get(index);
            }
        };
    }
}
