package dev.editgate.bench.genppl;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.csqa.CsqaItem;
import dev.editgate.bench.csqa.CsqaLoader;
import dev.editgate.bench.csqa.CsqaProvider;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.ProviderSupport;
import dev.editgate.model.Devices;
import dev.editgate.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code generated-ppl} ({@link GeneratedPplBenchmark}) over CommonsenseQA questions ({@code
 * dataset}, either published layout). Settings beside the common ones: {@code judge} (required: a
 * Hugging Face model folder of any supported family, relative to the suite's folder), {@code
 * judge_dtype} and {@code judge_device} (default {@code auto}), {@code max_new_tokens} (default
 * 40), {@code scored_tokens} (default 20), {@code repetition_penalty} (θ ≥ 1, default 1.2; 1 turns
 * it off). The default template is 0-shot, {@code "Question: {question}\nAnswer:"}; it may use the
 * option fields {@code {A}} … {@code {E}} as {@code commonsenseqa}'s does.
 */
public final class GeneratedPplProvider extends ProviderSupport {
    static final String DEFAULT_TEMPLATE = "Question: {question}\nAnswer:";
    static final double DEFAULT_PENALTY = 1.2;

    public GeneratedPplProvider() {
        super(
                "generated-ppl",
                List.of(
                        "judge",
                        "judge_dtype",
                        "judge_device",
                        "max_new_tokens",
                        "scored_tokens",
                        "repetition_penalty"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        new PromptTemplate(s.string("template", DEFAULT_TEMPLATE))
                .check(List.of("question", "A", "B", "C", "D", "E"), name());
        if (!s.has("judge")) {
            throw new IllegalArgumentException(
                    "generated-ppl: setting 'judge' is required: the folder of the model that scores"
                            + " the answers (any supported family, e.g."
                            + " ${editgate.models}/smollm2-135m)");
        }
        s.choice("judge_dtype", "auto", Set.copyOf(Models.DTYPES));
        String device = s.string("judge_device", "auto");
        Devices.problem(device)
                .ifPresent(
                        p -> {
                            throw new IllegalArgumentException(
                                    "generated-ppl: setting 'judge_device': " + p);
                        });
        s.integer("scored_tokens", 20, 1);
        double theta = s.number("repetition_penalty", DEFAULT_PENALTY);
        if (!(theta >= 1) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException(
                    "generated-ppl: setting 'repetition_penalty' = "
                            + theta
                            + " is not accepted; expected a number >= 1 (1: no penalty)");
        }
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path judge = s.path("judge", baseDir, null);
        if (!Files.isRegularFile(judge.resolve("config.json"))) {
            throw new IllegalArgumentException(
                    "generated-ppl: setting 'judge' = '"
                            + s.string("judge", "")
                            + "': "
                            + judge
                            + (Files.isDirectory(judge)
                                    ? " has no config.json"
                                    : " is not a folder")
                            + "; expected a Hugging Face model folder (config.json, tokenizer.json,"
                            + " safetensors) of any supported family");
        }
        PromptTemplate template = new PromptTemplate(s.string("template", DEFAULT_TEMPLATE));
        List<GeneratedPplBenchmark.Question> questions = new ArrayList<>();
        for (CsqaItem item : sample(s, CsqaLoader.load(s.path("dataset", baseDir, null)))) {
            int gold = item.labels().indexOf(item.answerKey());
            questions.add(
                    new GeneratedPplBenchmark.Question(
                            item.id(),
                            template.render(CsqaProvider.fields(item)),
                            item.texts().get(gold)));
        }
        String dtype = s.choice("judge_dtype", "auto", Set.copyOf(Models.DTYPES));
        String device = s.string("judge_device", "auto");
        return new GeneratedPplBenchmark(
                questions,
                () -> JudgeModels.get(judge, dtype, device),
                s.integer("max_new_tokens", 40, 1),
                s.integer("scored_tokens", 20, 1),
                s.number("repetition_penalty", DEFAULT_PENALTY),
                s.integer("batch_size", 8, 1));
    }
}
