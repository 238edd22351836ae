package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.WeightStore;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs an edit so that it either completes or leaves the model exactly as it was: the tensors the
 * method may touch are snapshotted first and restored when the edit throws or leaves a non-finite
 * value in one of them.
 */
public final class EditTransaction {
    private EditTransaction() {}

    public static AppliedEdit run(
            LanguageModel model,
            String method,
            Collection<String> tensors,
            Supplier<AppliedEdit> edit) {
        WeightStore weights = model.weights();
        try (WeightStore.Snapshot before = weights.snapshot(tensors)) {
            try {
                AppliedEdit result = edit.get();
                for (String name : tensors) {
                    if (!finite(weights.get(name))) {
                        throw new EditException(
                                method
                                        + ": the edit left non-finite values in "
                                        + name
                                        + "; the model was restored");
                    }
                }
                return result;
            } catch (RuntimeException e) {
                weights.restore(before);
                if (e instanceof EditException) {
                    throw e;
                }
                throw new EditException(method + ": edit failed (model restored): " + e, e);
            }
        }
    }

    /** Whether every value of {@code a} is finite; temporaries are freed. */
    public static boolean finite(NDArray a) {
        try (NDArray nan = a.isNaN();
                NDArray inf = a.isInfinite();
                NDArray bad = nan.logicalOr(inf);
                NDArray any = bad.any()) {
            return !any.getBoolean();
        }
    }

    /**
     * Checks every request before anything changes: a non-blank target and, when {@code
     * needsSubject}, a subject that occurs in the prompt.
     */
    public static void validate(String method, List<EditRequest> batch, boolean needsSubject) {
        if (batch.isEmpty()) {
            throw new EditException(method + ": empty batch of edits");
        }
        for (int i = 0; i < batch.size(); i++) {
            EditRequest r = batch.get(i);
            String where = method + ": request " + i + " (\"" + r.prompt() + "\")";
            if (r.target().isBlank()) {
                throw new EditException(where + " has an empty target");
            }
            if (r.prompt().isBlank()) {
                throw new EditException(where + " has an empty prompt");
            }
            if (needsSubject) {
                if (r.subject() == null || r.subject().isBlank()) {
                    throw new EditException(
                            where
                                    + " has no subject; "
                                    + method
                                    + " reads its key at the subject's last token");
                }
                if (!r.prompt().contains(r.subject())) {
                    throw new EditException(
                            where
                                    + ": subject \""
                                    + r.subject()
                                    + "\" does not occur in the prompt");
                }
            }
        }
    }
}
