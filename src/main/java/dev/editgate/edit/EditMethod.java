package dev.editgate.edit;

import dev.editgate.model.LanguageModel;
import java.util.List;

/**
 * A knowledge-editing method bound to one model and one set of hyperparameters. Calls to {@link
 * #apply} are sequential edits: each builds on the model as the previous ones left it.
 */
public interface EditMethod extends AutoCloseable {

    /**
     * The method's name as written in suites ({@code rome}, {@code memit}, {@code ft}, {@code
     * grace}).
     */
    String name();

    /**
     * Writes a batch of facts into {@code model} (in place, or through an adaptor). On failure the
     * model is left as it was before the call and an {@link EditException} says which request and
     * why.
     */
    AppliedEdit apply(LanguageModel model, List<EditRequest> batch);

    /**
     * Whether everything an edit changes is in the model's weights, written through {@code
     * WeightStore.set}: then restoring the weights to an earlier point of the edit stream puts the
     * method there too, and {@code ./editgate bisect} rewinds instead of replaying from the
     * unedited model. False (the safe answer) for methods with adaptors (GRACE), memory of earlier
     * edits (AlphaEdit's K_p) or state in another process.
     */
    default boolean keepsStateInWeights() {
        return false;
    }

    /** Frees what the method holds (caches, adaptors are removed by the model's reset). */
    @Override
    default void close() {}
}
