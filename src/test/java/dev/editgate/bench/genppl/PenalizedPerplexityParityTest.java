package dev.editgate.bench.genppl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.ContinuationScore;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The judge's penalised NLL against transformers' {@code RepetitionPenaltyLogitsProcessor} ({@code
 * tools/analyses/generated_ppl_reference.py}), θ = 1, 1.2, 2, relative error ≤ 1e-4; short answers
 * are excluded on both sides.
 */
class PenalizedPerplexityParityTest {

    static Path resource(String p) {
        try {
            return Path.of(PenalizedPerplexityParityTest.class.getResource(p).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LanguageModel fixture(String name) {
        return Models.load(resource("/dev/editgate/model/fixtures/" + name), "float32", "cpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2"})
    void penalisedNllEqualsTransformers(String judgeName) throws IOException {
        JsonNode all =
                new ObjectMapper()
                        .readTree(
                                resource("/dev/editgate/bench/genppl/generated-ppl-expected.json")
                                        .toFile());
        List<String> prompts = new ArrayList<>();
        all.get("prompts").forEach(p -> prompts.add(p.asText()));
        List<String> answers = new ArrayList<>();
        all.get("answers").forEach(a -> answers.add(a.asText()));
        JsonNode judge = null;
        for (JsonNode j : all.get("judges")) {
            if (j.get("fixture").asText().equals(judgeName)) {
                judge = j;
            }
        }
        assertThat(judge).as(judgeName + " in the expected file").isNotNull();
        try (LanguageModel model = fixture(judgeName)) {
            int compared = 0;
            int expected = 0;
            for (String theta : List.of("1.0", "1.2", "2.0")) {
                List<Double> got =
                        new PenalizedPerplexity(
                                        model, all.get("n").asInt(), Double.parseDouble(theta), 3)
                                .nll(prompts, answers);
                JsonNode want = judge.get("nll").get(theta);
                for (int i = 0; i < answers.size(); i++) {
                    expected += want.get(i).isNull() ? 0 : 1;
                    if (want.get(i).isNull()) {
                        assertThat(got.get(i)).as("answer %d is too short", i).isNull();
                    } else {
                        double w = want.get(i).asDouble();
                        assertThat(got.get(i))
                                .as("%s θ=%s answer %d", judgeName, theta, i)
                                .isCloseTo(w, within(1e-4 * Math.abs(w)));
                        compared++;
                    }
                }
            }
            assertThat(compared).isEqualTo(expected).isGreaterThanOrEqualTo(9); // 3+ answers, 3 θ
            assertThat(want(judge, "1.0").get(2).isNull()).as("' yes' is too short").isTrue();
            // the repeated answer is penalised the most
            List<Double> plain = new PenalizedPerplexity(model, 20, 1, 3).nll(prompts, answers);
            List<Double> pen = new PenalizedPerplexity(model, 20, 2, 3).nll(prompts, answers);
            assertThat(pen.get(1) - plain.get(1)).isGreaterThan(pen.get(0) - plain.get(0));
            if (judgeName.equals(
                    "llama-gqa")) { // GPT-2's 128 positions: the whole answer is longer
                // θ = 1 is the plain log-likelihood of the first 20 answer tokens
                ContinuationScore cs =
                        model.score(List.of(prompts.get(0)), List.of(answers.get(0))).get(0);
                double sum = 0;
                for (int i = 0; i < 20; i++) {
                    sum -= cs.tokenLogProbs()[i];
                }
                assertThat(plain.get(0)).isCloseTo(sum, within(1e-4 * sum));
            }
        }
    }

    private static JsonNode want(JsonNode judge, String theta) {
        return judge.get("nll").get(theta);
    }

    @Test
    void penaltyDividesPositiveAndMultipliesNegativeLogitsOfSeenTokens() {
        float[] z = {2f, -1f, 0.5f};
        double got = PenalizedPerplexity.logSoftmaxAt(z, 0, 3, 2, Set.of(0, 1), 2.0);
        double lse = Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(0.5));
        assertThat(got).isCloseTo(0.5 - lse, within(1e-12));
        double none = PenalizedPerplexity.logSoftmaxAt(z, 0, 3, 2, Set.of(), 2.0);
        double lse0 = Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5));
        assertThat(none).isCloseTo(0.5 - lse0, within(1e-12));
    }
}
