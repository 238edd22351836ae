package dev.editgate.model.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomInitTest {
    @TempDir Path tmp;

    static final String LLAMA =
            """
      {"model_type": "llama", "vocab_size": 300, "hidden_size": 32, "intermediate_size": 64,
       "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2}
      """;

    @Test
    void writesALoadableDeterministicCheckpointWithATokenizer() throws Exception {
        Path cfg = tmp.resolve("config.json");
        Files.writeString(cfg, LLAMA);
        RandomInit.create(cfg, tmp.resolve("a"), 7);
        RandomInit.create(cfg, tmp.resolve("b"), 7);
        RandomInit.create(cfg, tmp.resolve("c"), 8);
        try (LanguageModel a = Models.load(tmp.resolve("a"), "float32", "cpu");
                LanguageModel b = Models.load(tmp.resolve("b"), "float32", "cpu");
                LanguageModel c = Models.load(tmp.resolve("c"), "float32", "cpu")) {
            assertThat(a.weights().contentHash()).isEqualTo(b.weights().contentHash());
            assertThat(a.weights().contentHash()).isNotEqualTo(c.weights().contentHash());
            float std =
                    a.weights()
                            .get("model.layers.0.mlp.up_proj.weight")
                            .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                            .pow(2)
                            .mean()
                            .sqrt()
                            .getFloat();
            assertThat(std).isBetween(0.018f, 0.022f);
            assertThat(a.weights().get("model.norm.weight").sum().getFloat()).isEqualTo(32f);
            String text = "héllo, wörld ☕";
            assertThat(a.tokenizer().decode(a.tokenizer().encode(text))).isEqualTo(text);
            assertThat(
                            a.generateIds(
                                            List.of(a.tokenizer().encode("abc")),
                                            GenerationConfig.greedy(5))
                                    .get(0))
                    .hasSizeLessThanOrEqualTo(5);
        }
    }

    @Test
    void refusesAVocabularySmallerThanTheTokenizer() throws Exception {
        Path cfg = tmp.resolve("config.json");
        Files.writeString(cfg, LLAMA.replace("300", "100"));
        assertThatThrownBy(() -> RandomInit.create(cfg, tmp.resolve("x"), 1))
                .hasMessageContaining("vocab_size 100");
    }
}
