package dev.editgate.bench.tydiqa;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code tydiqa}: TyDiQA-GoldP, 0-shot GEN (OpenCompass {@code tydiqa_gen}), metric SQuAD F1 (max
 * over references). Settings: {@code dataset} (the GoldP JSON), {@code languages} (default all),
 * {@code template} ({@code {passage}}, {@code {question}}; the default is OpenCompass' English
 * prompt, used for every language unless overridden), {@code max_new_tokens} (50).
 */
public final class TydiqaProvider extends ProviderSupport {
    static final String DEFAULT_TEMPLATE =
            "Answer the following question based on the information in the given"
                    + " passage.\n\nPassage:{passage}\nQuestion: {question}\nAnswer: ";

    public TydiqaProvider() {
        super("tydiqa", List.of("languages", "max_new_tokens"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        new PromptTemplate(s.string("template", DEFAULT_TEMPLATE))
                .check(List.of("passage", "question"), name());
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path file = s.path("dataset", baseDir, null);
        List<TydiqaLoader.Question> all = TydiqaLoader.load(file);
        List<String> languages = s.strings("languages");
        for (String l : languages) {
            if (!TydiqaLoader.languages(all).contains(l)) {
                throw new IllegalArgumentException(
                        "tydiqa: setting 'languages' names '"
                                + l
                                + "', absent from "
                                + file
                                + "; languages there: "
                                + TydiqaLoader.languages(all));
            }
        }
        List<TydiqaLoader.Question> kept = new ArrayList<>();
        for (TydiqaLoader.Question q : all) {
            if (languages.isEmpty() || languages.contains(q.language())) {
                kept.add(q);
            }
        }
        PromptTemplate template = new PromptTemplate(s.string("template", DEFAULT_TEMPLATE));
        List<GenItem> items = new ArrayList<>();
        for (TydiqaLoader.Question q : sample(s, kept)) {
            String prompt =
                    template.render(Map.of("passage", q.passage(), "question", q.question()));
            items.add(new GenItem(q.id(), prompt, q.answers().get(0), q.answers()));
        }
        return new TydiqaBenchmark(
                items, s.integer("max_new_tokens", 50, 1), s.integer("batch_size", 8, 1));
    }
}
