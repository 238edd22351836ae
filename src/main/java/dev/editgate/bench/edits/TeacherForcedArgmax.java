package dev.editgate.bench.edits;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.editgate.edit.EditTokens;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model's argmax token at each position of a continuation, teacher-forced: the input is the
 * prompt followed by the continuation's tokens but the last, and position j's prediction is read
 * where token j is predicted. EasyEdit's token-level accuracy compares these with the continuation.
 */
final class TeacherForcedArgmax {
    private static final int BATCH = 16;

    private TeacherForcedArgmax() {}

    /** Tokens of {@code answer} after {@code prompt}, as the edit methods tokenize targets. */
    static int[] answerTokens(LanguageModel model, String prompt, String answer) {
        return EditTokens.target(model.tokenizer(), prompt, answer);
    }

    /** For each (prompt, answer tokens): the argmax at each answer position. */
    static List<int[]> predict(LanguageModel model, List<String> prompts, List<int[]> answers) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < prompts.size(); from += BATCH) {
            int to = Math.min(prompts.size(), from + BATCH);
            List<int[]> seqs = new ArrayList<>();
            List<Integer> promptLens = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int[] p = model.tokenizer().encode(prompts.get(i));
                int[] a = answers.get(i);
                promptLens.add(p.length);
                seqs.add(EditTokens.concat(p, Arrays.copyOf(a, a.length - 1)));
            }
            TokenBatch padded = TokenBatch.leftPadded(seqs, model.tokenizer().padId());
            int[] queries = new int[seqs.size()]; // the prompt's last token (GRACE's key_id)
            for (int b = 0; b < queries.length; b++) {
                queries[b] = padded.column(b, promptLens.get(b) - 1);
            }
            TokenBatch batch = padded.withQueries(queries);
            try (NDManager scope = model.manager().newSubManager()) {
                ForwardResult r = model.forward(scope, batch, Interventions.none());
                NDArray argmax = r.logits().argMax(-1); // [B, T]

                long[] flat =
                        argmax.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
                for (int b = 0; b < to - from; b++) {
                    int[] a = answers.get(from + b);
                    int[] pred = new int[a.length];
                    for (int j = 0; j < a.length; j++) {
                        int col = batch.column(b, promptLens.get(b) - 1 + j);
                        pred[j] = (int) flat[b * batch.width() + col];
                    }
                    out.add(pred);
                }
            }
        }
        return out;
    }

    /** Share of positions where {@code a} and {@code b} agree. */
    static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return a.length == 0 ? 0 : (double) same / a.length;
    }
}
