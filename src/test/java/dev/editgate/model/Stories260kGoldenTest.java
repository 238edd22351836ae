package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.weights.SafetensorsFile;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** stories260k against the golden outputs of an independent float64 implementation. */
class Stories260kGoldenTest {
    static LanguageModel model;
    static JsonNode golden;
    static SafetensorsFile tensors;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Shared.stories260k();
        model = Models.load(dir, "float32", "cpu");
        golden = new ObjectMapper().readTree(dir.resolve("golden/golden.json").toFile());
        tensors = SafetensorsFile.open(dir.resolve("golden/golden.safetensors"));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
            tensors.close();
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @Test
    void tokenizerGivesTheGoldenIds() {
        for (JsonNode p : golden.get("prompts")) {
            assertThat(model.tokenizer().encode(p.get("text").asText()))
                    .containsExactly(ints(p.get("ids")));
        }
    }

    @Test
    void logitsOfEveryPromptWithin1eMinus4() {
        int i = 0;
        for (JsonNode p : golden.get("prompts")) {
            float[] expected = tensors.readFloats("prompt" + i + ".logits");
            try (NDManager m = model.manager().newSubManager()) {
                float[] actual =
                        model.forward(m, TokenBatch.of(ints(p.get("ids"))), Interventions.none())
                                .logits()
                                .toFloatArray();
                assertThat(maxAbsDiff(expected, actual)).as("prompt %d", i).isLessThan(1e-4);
            }
            i++;
        }
    }

    @Test
    void capturedMlpKeysWithin1eMinus4() {
        int[] ids = ints(golden.get("prompts").get(0).get("ids"));
        Interventions iv = Interventions.create();
        for (int l = 0; l < model.numLayers(); l++) {
            iv.capture(Site.mlpKey(l));
        }
        try (NDManager m = model.manager().newSubManager()) {
            ForwardResult r = model.forward(m, TokenBatch.of(ids), iv);
            for (int l = 0; l < model.numLayers(); l++) {
                NDArray key = r.captured(Site.mlpKey(l));
                assertThat(key.getShape().getShape()).containsExactly(1, ids.length, 172);
                float[] expected = tensors.readFloats("prompt0.mlp_key.layer" + l);
                assertThat(maxAbsDiff(expected, key.toFloatArray()))
                        .as("layer %d", l)
                        .isLessThan(1e-4);
            }
        }
    }

    @Test
    void greedyContinuationsOfThirtyTokensAreExact() {
        for (JsonNode p : golden.get("prompts")) {
            int[] expected = ints(p.get("greedy_continuation_ids"));
            int[] actual =
                    model.generateIds(
                                    List.of(ints(p.get("ids"))),
                                    GenerationConfig.greedy(expected.length))
                            .get(0);
            assertThat(actual).as(p.get("text").asText()).containsExactly(expected);
        }
    }

    @Test
    void batchedGreedyEqualsOneByOne() {
        List<int[]> prompts = new java.util.ArrayList<>();
        for (JsonNode p : golden.get("prompts")) {
            prompts.add(ints(p.get("ids")));
        }
        List<int[]> batched = model.generateIds(prompts, GenerationConfig.greedy(30));
        int i = 0;
        for (JsonNode p : golden.get("prompts")) {
            assertThat(batched.get(i++)).containsExactly(ints(p.get("greedy_continuation_ids")));
        }
    }

    @Test
    void twoHundredGreedyTokensFromBos() {
        JsonNode g = golden.get("greedy_from_bos");
        int[] expected = ints(g.get("ids"));
        int[] fromBos =
                expected[0] == 1 && expected.length > g.get("steps").asInt()
                        ? java.util.Arrays.copyOfRange(expected, 1, expected.length)
                        : expected;
        int[] actual =
                model.generateIds(List.of(new int[] {1}), GenerationConfig.greedy(fromBos.length))
                        .get(0);
        assertThat(actual).containsExactly(fromBos);
        assertThat(model.tokenizer().decode(actual)).isEqualTo(g.get("text").asText().strip());
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
