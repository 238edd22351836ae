package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.model.init.RandomInit;
import dev.editgate.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTokenizerTest {
    @TempDir Path tmp;

    @Test
    void specialIdsOfStories260k() {
        Path dir = Shared.stories260k();
        try (TextTokenizer tk = TextTokenizer.load(dir, ModelConfig.load(dir))) {
            assertThat(tk.bosId()).isEqualTo(1);
            assertThat(tk.eosId()).isEqualTo(2);
            assertThat(tk.encode("Lily")[0]).isEqualTo(1);
            assertThat(tk.encode("Lily", false)[0]).isNotEqualTo(1);
            String longText = "Once upon a time. ".repeat(400); // beyond any default truncation
            assertThat(tk.encode(longText).length).isGreaterThan(1000);
        }
    }

    @Test
    void tokenizerConfigNamesTokensWhenConfigDoesNot() throws Exception {
        Path cfg = tmp.resolve("in.json");
        Files.writeString(cfg, RandomInitTestConfig.LLAMA);
        Path dir = tmp.resolve("m");
        RandomInit.create(cfg, dir, 1);
        // drop the ids init-model writes into config.json, name them in tokenizer_config.json
        String c =
                Files.readString(dir.resolve("config.json"))
                        .replaceAll("\"(bos|eos)_token_id\" : 256,?", "");
        Files.writeString(dir.resolve("config.json"), c);
        Files.writeString(
                dir.resolve("tokenizer_config.json"),
                "{\"eos_token\": \"<|endoftext|>\", \"pad_token\": {\"content\": \"<|endoftext|>\"}}");
        try (TextTokenizer tk = TextTokenizer.load(dir, ModelConfig.load(dir))) {
            assertThat(tk.eosId()).isEqualTo(256);
            assertThat(tk.padId()).isEqualTo(256);
            assertThat(tk.bosId()).isEqualTo(-1);
        }
    }

    static final class RandomInitTestConfig {
        static final String LLAMA =
                """
        {"model_type": "llama", "vocab_size": 300, "hidden_size": 32, "intermediate_size": 64,
         "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 2}
        """;
    }
}
