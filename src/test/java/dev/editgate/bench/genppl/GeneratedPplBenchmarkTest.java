package dev.editgate.bench.genppl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generated-ppl} end to end on the fixtures, its judge cache and its validation. */
class GeneratedPplBenchmarkTest {

    @org.junit.jupiter.api.BeforeEach
    @AfterEach
    void closeJudges() {
        JudgeModels.closeAll();
    }

    private static Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put(
                "dataset",
                PenalizedPerplexityParityTest.resource(
                                "/dev/editgate/bench/genppl/csqa-small.jsonl")
                        .toString());
        s.put(
                "judge",
                PenalizedPerplexityParityTest.resource("/dev/editgate/model/fixtures/gpt2")
                        .toString());
        s.put("judge_dtype", "float32");
        s.put("judge_device", "cpu");
        s.put("max_new_tokens", 24);
        return s;
    }

    @Test
    void generatesScoresUnderTheJudgeOnceLoadedAndAggregatesAsPerplexity() {
        GeneratedPplBenchmark b =
                (GeneratedPplBenchmark) new GeneratedPplProvider().create(settings(), null);
        assertThat(b.questions()).hasSize(4);
        assertThat(b.questions().get(0).prompt())
                .startsWith("Question: A revolving door")
                .endsWith("?\nAnswer:");
        assertThat(b.questions().get(0).reference()).isEqualTo("bank");
        try (LanguageModel edited = PenalizedPerplexityParityTest.fixture("llama-gqa")) {
            Score s = b.evaluate(edited, EvalContext.none());
            Score again = b.evaluate(edited, EvalContext.none());
            assertThat(JudgeModels.size()).isEqualTo(1);
            assertThat(s.value()).isEqualTo(again.value());
            assertThat(s.metric()).isEqualTo("perplexity");
            assertThat(s.higherIsBetter()).isFalse();
            assertThat(s.aggregation()).isEqualTo(Score.Aggregation.PERPLEXITY);
            assertThat(s.items()).isNotEmpty();
            double nll = 0;
            for (ItemRecord r : s.items()) {
                assertThat(r.tokens()).isEqualTo(20);
                assertThat(r.score()).isCloseTo(Math.exp(r.nll() / 20), within(1e-9));
                nll += r.nll();
            }
            assertThat(s.value())
                    .isCloseTo(Math.exp(nll / (20.0 * s.items().size())), within(1e-9));
            // the answers are the edited model's greedy continuations, scored by the judge
            List<String> prompts =
                    b.questions().stream().map(GeneratedPplBenchmark.Question::prompt).toList();
            List<String> answers =
                    new dev.editgate.bench.protocol.GreedyGeneration(edited, 8)
                            .generate(prompts, 24, List.of());
            for (ItemRecord r : s.items()) {
                int q = 0;
                while (!b.questions().get(q).id().equals(r.id())) {
                    q++;
                }
                assertThat(r.prediction()).isEqualTo(answers.get(q));
                assertThat(r.prompt()).isEqualTo(prompts.get(q));
            }
        }
    }

    @Test
    void answersShorterThanTheScoredTokensAreExcludedAndNoneLeftIsAnError() {
        Map<String, Object> s = settings();
        s.put("scored_tokens", 30);
        s.put("max_new_tokens", 2);
        GeneratedPplBenchmark b =
                (GeneratedPplBenchmark) new GeneratedPplProvider().create(s, null);
        try (LanguageModel edited = PenalizedPerplexityParityTest.fixture("llama-gqa")) {
            assertThatThrownBy(() -> b.evaluate(edited, EvalContext.none()))
                    .hasMessageContaining("none of the 4 answers has 30 judge tokens")
                    .hasMessageContaining("max_new_tokens");
        }
    }

    @Test
    void badSettingsAreNamed(@TempDir Path dir) throws IOException {
        Map<String, Object> noJudge = settings();
        noJudge.remove("judge");
        assertThatThrownBy(() -> new GeneratedPplProvider().validate(noJudge))
                .hasMessageContaining("'judge' is required");
        Map<String, Object> empty = settings();
        empty.put("judge", Files.createDirectory(dir.resolve("empty")).toString());
        assertThatThrownBy(() -> new GeneratedPplProvider().create(empty, null))
                .hasMessageContaining("has no config.json")
                .hasMessageContaining("Hugging Face model folder");
        Map<String, Object> missing = settings();
        missing.put("judge", "nowhere/judge");
        assertThatThrownBy(() -> new GeneratedPplProvider().create(missing, dir))
                .hasMessageContaining(dir.resolve("nowhere/judge").toString())
                .hasMessageContaining("is not a folder");
        Map<String, Object> theta = settings();
        theta.put("repetition_penalty", 0.5);
        assertThatThrownBy(() -> new GeneratedPplProvider().validate(theta))
                .hasMessageContaining("repetition_penalty")
                .hasMessageContaining(">= 1");
        Map<String, Object> device = settings();
        device.put("judge_device", "gpu:1");
        assertThatThrownBy(() -> new GeneratedPplProvider().validate(device))
                .hasMessageContaining("judge_device")
                .hasMessageContaining("cuda:1");
        Map<String, Object> field = settings();
        field.put("template", "{question} {F}");
        assertThatThrownBy(() -> new GeneratedPplProvider().validate(field))
                .hasMessageContaining("{F}");
    }
}
