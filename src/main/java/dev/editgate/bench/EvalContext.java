package dev.editgate.bench;

import dev.editgate.edit.EditRequest;
import java.util.List;

/**
 * What a benchmark may need to know about the edits behind the model it scores. Capability
 * benchmarks ignore it; edit metrics read it.
 */
public interface EvalContext {

    /** Every edit applied so far, in order (sequential scope). */
    List<EditRequest> appliedEdits();

    /** The edits of the latest batch (individual scope). */
    List<EditRequest> latestEdits();

    /**
     * Argmax tokens of the unedited model on the locality prompt of edit {@code index} (into {@link
     * #appliedEdits()}), teacher-forced on its locality answer; computed before any edit.
     */
    int[] pristineLocalityTokens(int index);

    /** Where the benchmark reports items scored as it goes (nobody listens by default). */
    default ItemProgress progress() {
        return ItemProgress.NONE;
    }

    /** A context for scoring an unedited model or a plain capability. */
    static EvalContext none() {
        return none(ItemProgress.NONE);
    }

    /** As {@link #none()}, reporting items scored to {@code progress}. */
    static EvalContext none(ItemProgress progress) {
        return new EvalContext() {
            @Override
            public ItemProgress progress() {
                return progress;
            }

            @Override
            public List<EditRequest> appliedEdits() {
                return List.of();
            }

            @Override
            public List<EditRequest> latestEdits() {
                return List.of();
            }

            @Override
            public int[] pristineLocalityTokens(int index) {
                throw new IllegalStateException("no edits in this context");
            }
        };
    }
}
