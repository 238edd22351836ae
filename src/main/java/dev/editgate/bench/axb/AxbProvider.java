package dev.editgate.bench.axb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.Benchmark;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.LetterAnswerBenchmark;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code axb}: SuperGLUE's broad-coverage diagnostic AX-b, 0-shot GEN (OpenCompass {@code
 * SuperGLUE_AX_b_gen}): "A. Yes" for entailment, "B. No" otherwise; the first option letter of the
 * output is the answer ({@code first_option_postprocess}, the study's patterns or, with {@code
 * protocol: opencompass-head}, head's), 100 new tokens, the whole output read. Reads the SuperGLUE
 * JSON lines ({@code label} "entailment" / "not_entailment") and Hugging Face exports ({@code
 * label} 0 = entailment, 1 = not).
 */
public final class AxbProvider extends ProviderSupport {
    static final String DEFAULT_TEMPLATE =
            "{sentence1}\n{sentence2}\nIs the sentence below entailed by the sentence above?\nA. Yes\nB. No\nAnswer:";

    public AxbProvider() {
        super("axb", List.of("max_new_tokens", "protocol"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        Protocol.of(s);
        new PromptTemplate(s.string("template", DEFAULT_TEMPLATE))
                .check(List.of("sentence1", "sentence2"), name());
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path file = s.path("dataset", baseDir, null);
        PromptTemplate template = new PromptTemplate(s.string("template", DEFAULT_TEMPLATE));
        List<GenItem> all = new ArrayList<>();
        for (JsonData.Entry e : JsonData.readRecords(file)) {
            all.add(item(e.node(), file, e.line(), template));
        }
        List<GenItem> items = sample(s, all);
        return new LetterAnswerBenchmark(
                name(),
                items,
                "AB",
                s.integer("max_new_tokens", LetterAnswerBenchmark.DEFAULT_MAX_NEW_TOKENS, 1),
                s.integer("batch_size", 8, 1),
                Protocol.of(s));
    }

    static GenItem item(JsonNode n, Path file, int line, PromptTemplate template) {
        String label = JsonData.text(n, "label", file, line);
        String letter =
                switch (label) {
                    case "entailment", "0" -> "A";
                    case "not_entailment", "1" -> "B";
                    default ->
                            throw DatasetException.at(
                                    file,
                                    line,
                                    "label '"
                                            + label
                                            + "' is not entailment/not_entailment (or 0/1 in Hugging Face exports)");
                };
        String id = n.hasNonNull("idx") ? n.get("idx").asText() : "line" + line;
        String prompt =
                template.render(
                        Map.of(
                                "sentence1", JsonData.text(n, "sentence1", file, line),
                                "sentence2", JsonData.text(n, "sentence2", file, line)));
        return new GenItem(id, prompt, letter);
    }
}
