package dev.editgate.bench.edits;

import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What the unedited model predicts on each request's locality prompt: argmax tokens teacher-forced
 * over the locality answer. The engine calls {@link #compute} before the first edit and hands the
 * result to the locality metric through {@code EvalContext}.
 */
public final class PristineLocality {
    private PristineLocality() {}

    /**
     * One array per request (same order): the argmax tokens, or an empty array for a request
     * without a locality prompt and answer.
     */
    public static List<int[]> compute(LanguageModel model, List<EditRequest> requests) {
        List<String> prompts = new ArrayList<>();
        List<int[]> answers = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            EditRequest r = requests.get(i);
            if (hasLocality(r)) {
                prompts.add(r.localityPrompt());
                answers.add(
                        TeacherForcedArgmax.answerTokens(
                                model, r.localityPrompt(), r.localityAnswer()));
                where.add(i);
            }
        }
        List<int[]> predicted = TeacherForcedArgmax.predict(model, prompts, answers);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            out.add(new int[0]);
        }
        for (int k = 0; k < where.size(); k++) {
            out.set(where.get(k), predicted.get(k));
        }
        return out;
    }

    static boolean hasLocality(EditRequest r) {
        return r.localityPrompt() != null
                && r.localityAnswer() != null
                && !r.localityAnswer().isBlank();
    }
}
