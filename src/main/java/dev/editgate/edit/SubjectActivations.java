package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Activations at a subject's last token: ROME's {@code get_module_input_output_at_word(s)} and the
 * key averaging of {@code compute_u} / MEMIT's {@code compute_ks}.
 */
public final class SubjectActivations {
    private SubjectActivations() {}

    /**
     * Activations at {@code site} at the subject's last token of each text.
     *
     * @return [N, D] attached to {@code out}
     */
    public static NDArray at(
            LanguageModel model,
            Site site,
            List<String> texts,
            List<String> subjects,
            NDManager out) {
        return at(model, site, texts, subjects, FactToken.SUBJECT_LAST, out);
    }

    /** As {@link #at}, at the token {@code fact} picks. */
    public static NDArray at(
            LanguageModel model,
            Site site,
            List<String> texts,
            List<String> subjects,
            FactToken fact,
            NDManager out) {
        List<int[]> seqs = new ArrayList<>();
        int[] last = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            seqs.add(model.tokenizer().encode(texts.get(i)));
            last[i] = fact.index(model.tokenizer(), texts.get(i), subjects.get(i));
        }
        TokenBatch batch = TokenBatch.leftPadded(seqs, model.tokenizer().padId());
        try (NDManager scope = model.manager().newSubManager()) {
            // Nothing above the site's layer can change it: those layers and the head do not run.
            Interventions capture = Interventions.create().capture(site).stopAfter(site.layer());
            ForwardResult r = model.forward(scope, batch, capture);
            NDArray a = r.captured(site); // [B, T, D]
            long width = a.getShape().get(1);
            long[] rows = new long[texts.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i * width + batch.column(i, last[i]);
            }
            NDArray flat = a.reshape(-1, a.getShape().get(2)); // [B*T, D]
            NDArray picked =
                    flat.get(new NDIndex("{}", scope.create(rows))).stopGradient(); // [N, D]
            picked.attach(out);
            return picked;
        }
    }

    /**
     * The key at {@code site} averaged over {@code templates} with the request's prompt inside.
     *
     * @return [D] attached to {@code out}
     */
    public static NDArray meanOverTemplates(
            LanguageModel model,
            Site site,
            List<String> templates,
            EditRequest request,
            FactToken fact,
            NDManager out) {
        List<String> texts = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (String t : templates) {
            texts.add(ContextTemplates.apply(t, request.prompt()));
            subjects.add(request.subject());
        }
        try (NDManager scope = out.newSubManager()) {
            NDArray all = at(model, site, texts, subjects, fact, scope); // [N, D]
            NDArray mean = all.mean(new int[] {0}); // [D]
            mean.attach(out);
            return mean;
        }
    }
}
