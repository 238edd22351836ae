package dev.editgate.engine;

import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
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
     * The edit metrics' own computation, {@link dev.editgate.bench.edits.PristineLocality#compute}.
     */
    static PristineLocalitySource editMetrics() {
        return (model, edits) ->
                Optional.of(dev.editgate.bench.edits.PristineLocality.compute(model, edits));
    }
}
