package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
    private static final Path FIXTURES = Path.of("src/test/resources/dev/editgate/model/fixtures");

    @Test
    void qwen2HasBiasesOnQkvOnlyAndLlamasAttentionBiasCoversTheOutputToo() throws Exception {
        ModelConfig qwen2 = ModelConfig.load(FIXTURES.resolve("qwen2"));
        assertThat(qwen2.attentionBias()).isTrue();
        assertThat(qwen2.outputBias()).isFalse();
        assertThat(Decoder.specsFor(qwen2))
                .extracting(TensorSpec::name)
                .contains("model.layers.0.self_attn.q_proj.bias")
                .doesNotContain("model.layers.0.self_attn.o_proj.bias");

        ObjectNode json =
                (ObjectNode)
                        new ObjectMapper()
                                .readTree(FIXTURES.resolve("llama-gqa/config.json").toFile());
        ModelConfig plain = ModelConfig.parse(json, "llama");
        assertThat(plain.attentionBias()).isFalse();
        assertThat(plain.outputBias()).isFalse();
        json.put("attention_bias", true);
        ModelConfig biased = ModelConfig.parse(json, "llama+bias");
        assertThat(biased.attentionBias()).isTrue();
        assertThat(biased.outputBias()).isTrue();
        assertThat(Decoder.specsFor(biased))
                .extracting(TensorSpec::name)
                .contains("model.layers.0.self_attn.o_proj.bias");
    }

    @Test
    void theBuilderRoundTripsEveryField() {
        for (String family : new String[] {"llama-gqa", "gpt2", "gptj", "gpt-neox", "gemma3"}) {
            ModelConfig c = ModelConfig.load(FIXTURES.resolve(family));
            assertThat(c.toBuilder().build()).as(family).isEqualTo(c);
            assertThat(c.toBuilder().numLayers(c.numLayers() + 1).build().numLayers())
                    .isEqualTo(c.numLayers() + 1);
        }
    }
}
