package dev.editgate.bench.math;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.Benchmark;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code math}: MATH or MATH-500, 4-shot GEN. Reads JSON lines or a JSON array of {@code problem}
 * and either {@code answer} (MATH-500, PRM800K) or {@code solution} (original MATH, Hugging Face
 * {@code competition_math}; the reference is its last {@code \boxed{}}). Settings: {@code shots}
 * (0-4), {@code template} ({@code {problem}}), {@code max_new_tokens} (512), {@code protocol}
 * ({@code opencompass-2024}: {@code math_postprocess} + evaluator v1, the study's; {@code
 * opencompass-head}: {@code math_postprocess_v2} + evaluator v2).
 */
public final class MathProvider extends ProviderSupport {

    public MathProvider() {
        super("math", List.of("max_new_tokens", "protocol"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        Protocol.of(s);
        new PromptTemplate(s.string("template", MathPrompt.DEFAULT_TEMPLATE))
                .check(List.of("problem"), name());
        int shots = s.integer("shots", 4, 0);
        if (shots > MathPrompt.EXEMPLARS.size()) {
            throw new IllegalArgumentException(
                    "math: setting 'shots' = '"
                            + shots
                            + "' is not accepted; expected 0 to "
                            + MathPrompt.EXEMPLARS.size());
        }
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path file = s.path("dataset", baseDir, null);
        List<GenItem> all = new ArrayList<>();
        String prefix = MathPrompt.prefix(s.integer("shots", 4, 0));
        PromptTemplate template =
                new PromptTemplate(s.string("template", MathPrompt.DEFAULT_TEMPLATE));
        for (JsonData.Entry e : JsonData.readRecords(file)) {
            JsonNode n = e.node();
            String reference;
            if (n.hasNonNull("answer")) {
                reference = n.get("answer").asText();
            } else {
                reference = MathAnswers.lastBoxed(JsonData.text(n, "solution", file, e.line()));
                if (reference == null) {
                    throw DatasetException.at(
                            file,
                            e.line(),
                            "solution has no \\boxed{} answer and there is no 'answer' field");
                }
            }
            String id =
                    n.hasNonNull("unique_id") ? n.get("unique_id").asText() : "item" + all.size();
            String problem = JsonData.text(n, "problem", file, e.line());
            all.add(
                    new GenItem(
                            id, prefix + template.render(Map.of("problem", problem)), reference));
        }
        List<GenItem> items = sample(s, all);
        return new MathBenchmark(
                items,
                s.integer("max_new_tokens", 512, 1),
                s.integer("batch_size", 8, 1),
                Protocol.of(s));
    }
}
