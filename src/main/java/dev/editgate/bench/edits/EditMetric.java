package dev.editgate.bench.edits;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Edit metrics as EasyEdit defines them, averaged over requests:
 *
 * <ul>
 *   <li>{@code edit-reliability}: teacher-forced token accuracy of the target after the prompt;
 *   <li>{@code edit-generalization}: the same after the rephrased prompt;
 *   <li>{@code edit-locality}: share of the locality prompt's argmax tokens (teacher-forced over
 *       its answer) equal to the unedited model's;
 *   <li>{@code edit-exact-match}: whether greedy generation after the prompt (or, with {@code
 *       prompt: rephrase}, after the rephrased prompt) reproduces the target's tokens exactly.
 * </ul>
 *
 * Scope {@code individual} scores the latest batch; {@code sequential} every edit so far. Requests
 * without the needed field (no rephrase, no locality pair) are left out.
 */
final class EditMetric implements Benchmark {
    enum Kind {
        RELIABILITY("edit-reliability"),
        GENERALIZATION("edit-generalization"),
        LOCALITY("edit-locality"),
        EXACT_MATCH("edit-exact-match");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    private final Kind kind;
    private final boolean sequential;
    private final boolean rephrase; // EXACT_MATCH after the rephrased prompt

    EditMetric(Kind kind, boolean sequential) {
        this(kind, sequential, false);
    }

    EditMetric(Kind kind, boolean sequential, boolean rephrase) {
        this.kind = kind;
        this.sequential = sequential;
        this.rephrase = rephrase;
    }

    @Override
    public String name() {
        return kind.id;
    }

    @Override
    public boolean scoresLatestEdits() {
        return !sequential;
    }

    @Override
    public Score evaluate(LanguageModel model, EvalContext context) {
        List<EditRequest> all = context.appliedEdits();
        List<EditRequest> scoped = sequential ? all : context.latestEdits();
        int offset = all.size() - scoped.size(); // index of scoped.get(0) in appliedEdits
        List<Integer> indices = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<int[]> answers = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < scoped.size(); i++) {
            EditRequest r = scoped.get(i);
            String prompt =
                    switch (kind) {
                        case RELIABILITY -> r.prompt();
                        case EXACT_MATCH -> rephrase ? r.rephrase() : r.prompt();
                        case GENERALIZATION -> r.rephrase();
                        case LOCALITY ->
                                PristineLocality.hasLocality(r) ? r.localityPrompt() : null;
                    };
            if (prompt == null || prompt.isBlank()) {
                continue;
            }
            String answer = kind == Kind.LOCALITY ? r.localityAnswer() : r.target();
            indices.add(offset + i);
            prompts.add(prompt);
            answers.add(TeacherForcedArgmax.answerTokens(model, prompt, answer));
            references.add(answer);
        }
        List<int[]> predicted =
                kind == Kind.EXACT_MATCH
                        ? generate(model, prompts, answers)
                        : TeacherForcedArgmax.predict(model, prompts, answers);
        List<ItemRecord> items = new ArrayList<>();
        double sum = 0;
        for (int k = 0; k < prompts.size(); k++) {
            int[] expected =
                    kind == Kind.LOCALITY
                            ? context.pristineLocalityTokens(indices.get(k))
                            : answers.get(k);
            double score;
            if (kind == Kind.EXACT_MATCH) {
                score = java.util.Arrays.equals(predicted.get(k), expected) ? 1 : 0;
            } else {
                score =
                        expected.length != predicted.get(k).length
                                ? 0
                                : TeacherForcedArgmax.agreement(predicted.get(k), expected);
            }
            sum += score;
            items.add(
                    new ItemRecord(
                            "edit-" + indices.get(k),
                            prompts.get(k),
                            model.tokenizer().decode(predicted.get(k)),
                            references.get(k),
                            score == 1.0,
                            score));
        }
        double value = items.isEmpty() ? Double.NaN : sum / items.size();
        return new Score(
                kind == Kind.EXACT_MATCH ? "exact_match" : "token_accuracy", value, true, items);
    }

    private static List<int[]> generate(
            LanguageModel model, List<String> prompts, List<int[]> answers) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            int[] ids = model.tokenizer().encode(prompts.get(i));
            out.add(
                    model.generateIds(List.of(ids), GenerationConfig.greedy(answers.get(i).length))
                            .get(0));
        }
        return out;
    }
}
