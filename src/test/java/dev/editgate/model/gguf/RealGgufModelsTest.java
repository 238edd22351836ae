package dev.editgate.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real GGUF files (SmolLM2-135M Q4_1: F32, Q4_1, Q8_0; Gemma 3 270M Q4_K_M: F32, Q5_0, Q8_0, Q4_K,
 * Q6_K; Qwen2.5-Coder-1.5B Q4_K_M: F32, Q4_K, Q6_K) against values the gguf Python package dumped.
 */
class RealGgufModelsTest {

    private static Path model(String model) {
        return GgufReferenceFiles.model(model);
    }

    private static JsonNode reference(String model) throws Exception {
        return GgufReferenceFiles.fixture(GgufReferenceFiles.REFERENCES.get(model));
    }

    @ParameterizedTest
    @ValueSource(strings = {"smollm2", "gemma3", "qwen2"})
    void metadataMatchesTheReference(String model) throws Exception {
        Path file = model(model);
        JsonNode ref = reference(model);
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata m = gguf.metadata();
            assertThat(gguf.version()).isEqualTo(ref.get("version").asInt());
            assertThat(gguf.tensors()).hasSize(ref.get("tensor_count").asInt());
            assertThat(m.asMap()).hasSize(ref.get("kv_count").asInt());
            assertThat(m.architecture()).isEqualTo(ref.get("architecture").asText());
            assertThat(m.blockCount()).isEqualTo(ref.get("block_count").asLong());
            assertThat(m.embeddingLength()).isEqualTo(ref.get("embedding_length").asLong());
            assertThat(m.feedForwardLength()).isEqualTo(ref.get("feed_forward_length").asLong());
            assertThat(m.headCount()).isEqualTo(ref.get("head_count").asLong());
            assertThat(m.headCountKv()).isEqualTo(ref.get("head_count_kv").asLong());
            assertThat(m.contextLength()).isEqualTo(ref.get("context_length").asLong());
            assertThat(m.ropeFreqBase()).isEqualTo(ref.get("rope_freq_base").asDouble());
            assertThat(m.rmsNormEpsilon()).isEqualTo(ref.get("rms_norm_eps").asDouble());
            assertThat(m.tokenizerModel()).isEqualTo(ref.get("tokenizer_model").asText());
            assertThat(m.tokenizerPre()).contains(ref.get("tokenizer_pre").asText());
            assertThat(m.bosTokenId()).hasValue(ref.get("bos_token_id").asLong());
            assertThat(m.eosTokenId()).hasValue(ref.get("eos_token_id").asLong());
            List<String> tokens = m.tokens();
            assertThat(tokens).hasSize(ref.get("token_count").asInt());
            assertThat(tokens.subList(0, 20)).isEqualTo(strings(ref.get("tokens_head")));
            assertThat(tokens.subList(tokens.size() - 5, tokens.size()))
                    .isEqualTo(strings(ref.get("tokens_tail")));
            assertThat(m.merges()).hasSize(ref.get("merge_count").asInt());
            List<String> merges = strings(ref.get("merges_head"));
            assertThat(m.merges().subList(0, merges.size())).isEqualTo(merges);
            assertThat(m.tokenTypes()).get().satisfies(t -> assertThat(t).hasSize(tokens.size()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"smollm2", "gemma3", "qwen2"})
    void dequantisedTensorsMatchTheReference(String model) throws Exception {
        Path file = model(model);
        JsonNode ref = reference(model);
        List<String> types = new ArrayList<>();
        try (GgufFile gguf = GgufFile.open(file)) {
            for (JsonNode t : ref.get("tensors")) {
                String name = t.get("name").asText();
                GgufTensorInfo info = gguf.tensor(name);
                types.add(info.type().name());
                assertThat(info.type().name()).as(name).isEqualTo(t.get("type").asText());
                List<Long> shape = new ArrayList<>();
                t.get("shape").forEach(d -> shape.add(d.asLong()));
                assertThat(info.shape())
                        .as(name)
                        .containsExactly(shape.stream().mapToLong(Long::longValue).toArray());
                float[] values = gguf.readFloats(name);
                assertThat(values.length).isEqualTo(t.get("elements").asInt());
                JsonNode head = t.get("head");
                for (int i = 0; i < head.size(); i++) {
                    assertThat(Float.floatToIntBits(values[i]))
                            .as("%s[%d]", name, i)
                            .isEqualTo(Float.floatToIntBits((float) head.get(i).asDouble()));
                }
                double sum = 0;
                double squares = 0;
                for (float v : values) {
                    sum += v;
                    squares += (double) v * v;
                }
                double refSum = t.get("sum").asDouble();
                double refSquares = t.get("sum_of_squares").asDouble();
                assertThat(sum)
                        .as(name + " sum")
                        .isCloseTo(refSum, within(1e-9 * refSquares + 1e-9));
                assertThat(squares)
                        .as(name + " sum of squares")
                        .isCloseTo(refSquares, within(1e-9 * refSquares));
            }
        }
        assertThat(types)
                .contains("F32")
                .contains(model.equals("smollm2") ? "Q4_1" : "Q4_K")
                .contains(model.equals("smollm2") ? "Q8_0" : "Q6_K");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
