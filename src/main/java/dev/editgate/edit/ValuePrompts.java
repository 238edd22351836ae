package dev.editgate.edit;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A value optimisation's batch ({@link ValueOptimization}): the rewriting prompts (each template
 * around the edit prompt, then all but the last target token) and, last, the KL prompt.
 *
 * @param batch left-padded, rewriting prompts first, the KL prompt last
 * @param columns [B] the column of the subject's fact token in each row, where δ is added
 * @param targets the rewriting prompts' target tokens, teacher forced
 * @param klRow the row of the flattened logits at the KL prompt's fact token
 */
record ValuePrompts(TokenBatch batch, int[] columns, TargetPositions targets, long klRow) {

    /** The prompts of {@code request} around {@code templates}, δ at the {@code fact} token. */
    static ValuePrompts of(
            LanguageModel model, EditRequest request, List<String> templates, FactToken fact) {
        var tok = model.tokenizer();
        int[] target = EditTokens.target(tok, request.prompt(), request.target());
        int[] targetPrefix = java.util.Arrays.copyOf(target, target.length - 1);
        List<int[]> seqs = new ArrayList<>();
        List<Integer> lookup = new ArrayList<>();
        List<Integer> promptLens = new ArrayList<>();
        for (String t : templates) {
            String text = ContextTemplates.apply(t, request.prompt());
            int[] p = tok.encode(text);
            seqs.add(EditTokens.concat(p, targetPrefix));
            promptLens.add(p.length);
            lookup.add(fact.index(tok, text, request.subject()));
        }
        int rewriting = seqs.size();
        String klText = request.subject() + " is a";
        seqs.add(tok.encode(klText));
        lookup.add(fact.index(tok, klText, request.subject()));
        TokenBatch batch = TokenBatch.leftPadded(seqs, tok.padId());
        int[] columns = new int[seqs.size()];
        for (int b = 0; b < columns.length; b++) {
            columns[b] = batch.column(b, lookup.get(b));
        }
        TargetPositions targets = new TargetPositions(batch);
        for (int b = 0; b < rewriting; b++) {
            targets.teacherForced(b, promptLens.get(b), target);
        }
        long klRow = (long) rewriting * batch.width() + columns[rewriting];
        return new ValuePrompts(batch, columns, targets, klRow);
    }
}
