package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelExportTest {
    @TempDir Path tmp;

    @Test
    void anEditedModelRoundTripsThroughExport() throws Exception {
        try (LanguageModel model =
                Models.load(FixtureParityTest.fixture("llama-bf16"), "float32", "cpu")) {
            String name = "model.layers.0.mlp.down_proj.weight";
            model.weights().set(name, model.weights().get(name).mul(2));
            ModelExport.write(model, tmp.resolve("out"));
            try (LanguageModel back = Models.load(tmp.resolve("out"), "float32", "cpu")) {
                assertThat(back.weights().contentHash()).isEqualTo(model.weights().contentHash());
                assertThat(back.tokenizer().encode("hello"))
                        .containsExactly(model.tokenizer().encode("hello"));
            }
        }
    }
}
