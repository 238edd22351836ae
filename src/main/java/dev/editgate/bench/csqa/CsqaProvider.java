package dev.editgate.bench.csqa;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.LetterAnswerBenchmark;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code commonsenseqa}: 8-shot GEN ({@code commonsenseqa_gen_c946f2}), the first capital letter of
 * the output is the answer, 100 new tokens. The layout is OpenCompass' for a base model: each
 * exemplar's question round, {@code "\n"}, its answer letter, {@code "\n"}, then the question,
 * ending in {@code "Answer:"}. Exemplars come from {@code exemplars} (a file, e.g. the train split,
 * its first {@code shots} records; then every record of {@code dataset} is scored) or else are the
 * first {@code shots} records of {@code dataset}, which are then not scored. OpenCompass picks each
 * question's eight from the train split with an MDL retriever (a sentence-embedding top-30, then
 * the set of lowest entropy under the evaluated model); a fixed set keeps runs comparable along an
 * edit stream and needs neither.
 */
public final class CsqaProvider extends ProviderSupport {
    static final String DEFAULT_TEMPLATE =
            "{question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\nE. {E}\nAnswer:";
    static final List<String> FIELDS = List.of("question", "A", "B", "C", "D", "E");

    public CsqaProvider() {
        super("commonsenseqa", List.of("exemplars", "max_new_tokens"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        new PromptTemplate(s.string("template", DEFAULT_TEMPLATE)).check(FIELDS, name());
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        List<CsqaItem> all = CsqaLoader.load(s.path("dataset", baseDir, null));
        int shots = s.integer("shots", 8, 0);
        List<CsqaItem> pool;
        List<CsqaItem> exemplars;
        if (s.has("exemplars")) {
            exemplars = CsqaLoader.load(s.path("exemplars", baseDir, null));
            pool = all;
        } else {
            exemplars = all;
            pool = all.subList(Math.min(shots, all.size()), all.size());
        }
        if (exemplars.size() < shots) {
            throw new DatasetException(
                    "commonsenseqa: " + exemplars.size() + " exemplars for shots = " + shots);
        }
        String prefix =
                shotPrefix(
                        new PromptTemplate(s.string("template", DEFAULT_TEMPLATE)),
                        exemplars.subList(0, shots));
        PromptTemplate template = new PromptTemplate(s.string("template", DEFAULT_TEMPLATE));
        List<GenItem> items = new ArrayList<>();
        for (CsqaItem item : sample(s, pool)) {
            items.add(
                    new GenItem(
                            item.id(), prefix + template.render(fields(item)), item.answerKey()));
        }
        return new LetterAnswerBenchmark(
                name(),
                items,
                null,
                s.integer("max_new_tokens", LetterAnswerBenchmark.DEFAULT_MAX_NEW_TOKENS, 1),
                s.integer("batch_size", 8, 1));
    }

    /** In-context examples: question round, newline, answer letter, newline (rounds joined). */
    static String shotPrefix(PromptTemplate template, List<CsqaItem> shots) {
        StringBuilder b = new StringBuilder();
        for (CsqaItem shot : shots) {
            b.append(template.render(fields(shot)))
                    .append('\n')
                    .append(shot.answerKey())
                    .append('\n');
        }
        return b.toString();
    }

    public static Map<String, String> fields(CsqaItem item) {
        Map<String, String> f = new HashMap<>();
        f.put("question", item.question());
        for (String l : List.of("A", "B", "C", "D", "E")) {
            int i = item.labels().indexOf(l);
            f.put(l, i < 0 ? "" : item.texts().get(i));
        }
        return f;
    }
}
