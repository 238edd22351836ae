package dev.editgate.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.GenerationConfig;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.TokenBatch;
import dev.editgate.model.pull.ModelCache;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real GGUF models, converted by {@code models pull}, against transformers loading the same
 * GGUF ({@code tools/gguf/make_model_reference.py}): token ids, float32 logits on a vocabulary
 * sample at every position within 1e-3, and 12 greedy tokens. Skipped, naming the model, when it is
 * not pulled ({@code .ci/run} pulls all three).
 */
class PulledModelParityTest {
    static final double TOLERANCE = 1e-3;

    @ParameterizedTest
    @ValueSource(strings = {"smollm2-135m", "gemma3-270m", "qwen2.5-coder-1.5b"})
    void matchesTransformersOnTheSameGguf(String name) throws Exception {
        ModelCache cache = ModelCache.standard();
        assumeTrue(
                cache.isPulled(name),
                () -> name + " is not pulled (./editgate models pull " + name + ")");
        JsonNode ref;
        try (InputStream in =
                getClass()
                        .getResourceAsStream("/dev/editgate/model/gguf/parity/" + name + ".json")) {
            ref = new ObjectMapper().readTree(in);
        }
        Path dir = cache.modelDir(name);
        try (LanguageModel model = Models.load(dir, "float32", "cpu")) {
            for (JsonNode p : ref.get("prompts")) {
                int[] ids = ints(p.get("ids"));
                if (!name.startsWith(
                        "gemma3")) { // see tools/gguf/make_model_reference.py on Gemma's ids
                    assertThat(model.tokenizer().encode(p.get("text").asText(), false))
                            .as("ids of %s", p.get("text"))
                            .containsExactly(ints(p.get("ids_no_special")));
                }
                int[] vocab = ints(p.get("vocab_ids"));
                try (NDManager m = model.manager().newSubManager()) {
                    float[] logits =
                            model.forward(m, TokenBatch.of(ids), Interventions.none())
                                    .logits()
                                    .toFloatArray();
                    int v = model.config().vocabSize();
                    double max = 0;
                    for (int t = 0; t < ids.length; t++) {
                        JsonNode row = p.get("logits").get(t);
                        for (int k = 0; k < vocab.length; k++) {
                            max =
                                    Math.max(
                                            max,
                                            Math.abs(
                                                    logits[t * v + vocab[k]]
                                                            - row.get(k).asDouble()));
                        }
                    }
                    assertThat(max)
                            .as(
                                    "%s: max-abs logit difference on \"%s\"",
                                    name, p.get("text").asText())
                            .isLessThan(TOLERANCE);
                }
                int[] greedy = model.generateIds(List.of(ids), GenerationConfig.greedy(12)).get(0);
                int[] expected = ints(p.get("greedy_ids"));
                assertThat(greedy)
                        .as("greedy after \"%s\"", p.get("text").asText())
                        .containsExactly(java.util.Arrays.copyOf(expected, greedy.length));
            }
            if (name.equals("smollm2-135m")) {
                String answer =
                        model.generate(
                                        List.of("The capital of France is"),
                                        GenerationConfig.greedy(3))
                                .get(0);
                assertThat(answer).startsWith(" Paris");
            }
        }
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
