package dev.editgate.bench.lm;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Perplexity of a text corpus with a sliding window (Hugging Face's strided perplexity per
 * document): exp of the total negative log-likelihood over the total number of scored tokens.
 * Documents are scored separately, so no window spans two of them; each document's item record
 * carries its NLL sum and token count, so that intervals can resample documents.
 */
public final class PerplexityBenchmark implements Benchmark {
    private final List<String> documents;
    private final int window;
    private final int stride;

    /**
     * @param window tokens per window; 0 uses the model's maximum positions
     * @param stride tokens the window moves; 0 uses half the window
     */
    PerplexityBenchmark(List<String> documents, int window, int stride) {
        this.documents = List.copyOf(documents);
        this.window = window;
        this.stride = stride;
    }

    @Override
    public String name() {
        return "perplexity";
    }

    public List<String> documents() {
        return documents;
    }

    @Override
    public Score evaluate(LanguageModel model, EvalContext context) {
        int w =
                window > 0
                        ? Math.min(window, model.config().maxPositions())
                        : model.config().maxPositions();
        int s = stride > 0 ? Math.min(stride, w) : Math.max(1, w / 2);
        double nll = 0;
        long tokens = 0;
        List<ItemRecord> records = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String doc = documents.get(i);
            if (model.tokenizer().encode(doc).length < 2) {
                continue; // nothing to predict
            }
            LanguageModel.Perplexity p = model.perplexity(doc, w, s);
            nll += p.nllSum();
            tokens += p.tokens();
            String head = doc.length() > 80 ? doc.substring(0, 80) + "…" : doc;
            records.add(
                    new ItemRecord(
                                    "doc" + i,
                                    head,
                                    String.format(java.util.Locale.ROOT, "%.4f", p.value()),
                                    "",
                                    true,
                                    p.value())
                            .withLogLikelihood(p.nllSum(), p.tokens()));
            context.progress().scored(i + 1, documents.size());
        }
        if (tokens == 0) {
            throw new IllegalStateException("perplexity: no document has two tokens or more");
        }
        return new Score(
                "perplexity", Math.exp(nll / tokens), false, records, Score.Aggregation.PERPLEXITY);
    }
}
