package dev.editgate.engine;

import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Computes, on the unedited model, the tokens locality is later compared against: one array per
 * edit request (see {@link dev.editgate.bench.EvalContext#pristineLocalityTokens}).
 */
@FunctionalInterface
public interface PristineLocalitySource {

    /** The tokens per request, or empty when no implementation is available. */
    Optional<List<int[]>> compute(LanguageModel model, List<EditRequest> edits);

    /**
     * The edit metrics' own computation, {@code
     * dev.editgate.bench.edits.PristineLocality.compute(LanguageModel, List<EditRequest>)}, looked
     * up when first used; empty while that class is not on the class path.
     */
    static PristineLocalitySource editMetrics() {
        return (model, edits) -> {
            Method compute;
            try {
                compute = Class.forName("dev.editgate.bench.edits.PristineLocality")
                        .getMethod("compute", LanguageModel.class, List.class);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                return Optional.empty();
            }
            try {
                @SuppressWarnings("unchecked")
                List<int[]> tokens = (List<int[]>) compute.invoke(null, model, edits);
                return Optional.of(tokens);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("PristineLocality.compute failed", e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call PristineLocality.compute", e);
            }
        };
    }
}
