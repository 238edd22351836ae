package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.weights.SafetensorsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each architecture family against outputs of Hugging Face transformers on a tiny randomly
 * initialised model ({@code tools/fixtures/make_fixtures.py}): logits and activations at every real
 * (unpadded) position of a left-padded batch, greedy decoding with the KV cache, per-token
 * log-likelihood and the tokenizer's ids.
 */
class FixtureParityTest {
    static final double TOLERANCE = 1e-4;

    static Path fixture(String name) throws Exception {
        return Path.of(
                FixtureParityTest.class
                        .getResource("/dev/editgate/model/fixtures/" + name)
                        .toURI());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "llama-gqa",
                "llama-tied-rope3",
                "qwen2",
                "mistral",
                "gpt2",
                "gptj",
                "gpt-neox",
                "gpt-neox-seq",
                "llama-sharded",
                "llama-bf16",
                "llama-f16",
                "mistral-sliding",
                "gemma3"
            })
    void matchesTransformers(String name) throws Exception {
        Path dir = fixture(name);
        JsonNode exp = new ObjectMapper().readTree(dir.resolve("expected/expected.json").toFile());
        try (LanguageModel model = Models.load(dir, "float32", "cpu");
                SafetensorsFile t =
                        SafetensorsFile.open(dir.resolve("expected/expected.safetensors"))) {
            List<int[]> prompts = new ArrayList<>();
            int i = 0;
            for (JsonNode ids : exp.get("prompt_token_ids")) {
                int[] p = Stories260kGoldenTest.ints(ids);
                prompts.add(p);
                String text = exp.get("prompts").get(i++).asText();
                assertThat(model.tokenizer().encode(text))
                        .as("tokenizer ids of %s", text)
                        .containsExactly(p);
            }
            TokenBatch batch = TokenBatch.leftPadded(prompts, model.tokenizer().padId());
            long[] mask = t.readLongs("attention_mask");
            assertThat(batch.flatMask()).hasSize(mask.length);

            Interventions iv = Interventions.create();
            for (int l = 0; l < model.numLayers(); l++) {
                iv.capture(Site.mlpKey(l)).capture(Site.mlpOut(l)).capture(Site.residPost(l));
            }
            try (NDManager m = model.manager().newSubManager()) {
                ForwardResult r = model.forward(m, batch, iv);
                assertMasked("logits", t.readFloats("logits"), r.logits().toFloatArray(), mask);
                for (int l = 0; l < model.numLayers(); l++) {
                    assertMasked(
                            "mlp_key.layer" + l,
                            t.readFloats("mlp_key.layer" + l),
                            r.captured(Site.mlpKey(l)).toFloatArray(),
                            mask);
                    assertMasked(
                            "mlp_out.layer" + l,
                            t.readFloats("mlp_out.layer" + l),
                            r.captured(Site.mlpOut(l)).toFloatArray(),
                            mask);
                    assertMasked(
                            "resid_post.layer" + l,
                            t.readFloats("resid_post.layer" + l),
                            r.captured(Site.residPost(l)).toFloatArray(),
                            mask);
                }
            }

            JsonNode greedy = exp.get("greedy");
            int[] expectedNew = Stories260kGoldenTest.ints(greedy.get("new_token_ids"));
            int[] actualNew =
                    model.generateIds(
                                    List.of(Stories260kGoldenTest.ints(greedy.get("input_ids"))),
                                    GenerationConfig.greedy(expectedNew.length))
                            .get(0);
            // the fixtures never stop at EOS; ours does, so compare up to the first EOS
            int eos = model.tokenizer().eosId();
            int cut = expectedNew.length;
            for (int k = 0; k < expectedNew.length; k++) {
                if (expectedNew[k] == eos) {
                    cut = k;
                    break;
                }
            }
            assertThat(actualNew)
                    .as("greedy")
                    .containsExactly(java.util.Arrays.copyOf(expectedNew, cut));

            JsonNode ll = exp.get("loglik");
            ContinuationScore score =
                    model.scoreIds(
                                    List.of(Stories260kGoldenTest.ints(ll.get("context_ids"))),
                                    List.of(Stories260kGoldenTest.ints(ll.get("continuation_ids"))))
                            .get(0);
            float[] expectedLp = t.readFloats("loglik_logprobs");
            assertThat(Stories260kGoldenTest.maxAbsDiff(expectedLp, score.tokenLogProbs()))
                    .as("per-token log-likelihood")
                    .isLessThan(TOLERANCE * 10);
            assertThat(score.sum())
                    .isCloseTo(ll.get("sum").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    /** Max-abs difference over positions where {@code mask} is 1; [B, T, D] row-major. */
    static void assertMasked(String what, float[] expected, float[] actual, long[] mask) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        int d = expected.length / mask.length;
        double max = 0;
        for (int pos = 0; pos < mask.length; pos++) {
            if (mask[pos] == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                max = Math.max(max, Math.abs(expected[pos * d + j] - actual[pos * d + j]));
            }
        }
        assertThat(max).as(what + " max-abs difference").isLessThan(TOLERANCE);
    }
}
