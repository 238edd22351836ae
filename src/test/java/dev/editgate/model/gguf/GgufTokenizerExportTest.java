package dev.editgate.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.model.weights.CheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tokenizer.json exported from GGUF metadata, run by the tokenizers library through DJL. */
class GgufTokenizerExportTest {

    @TempDir Path dir;

    private static HuggingFaceTokenizer load(Path json, boolean addSpecialTokens) throws Exception {
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(json)
                .optAddSpecialTokens(addSpecialTokens)
                .build();
    }

    /** A tiny gpt2-style vocabulary built by hand. */
    private Path tinyByteLevel(String pre) throws Exception {
        GgufBytes b =
                new GgufBytes()
                        .header(3, 0, pre == null ? 5 : 6)
                        .kvString("general.architecture", "llama")
                        .kvString("tokenizer.ggml.model", "gpt2");
        if (pre != null) {
            b.kvString("tokenizer.ggml.pre", pre);
        }
        String[] tokens = {
            "<|end|>", "h", "e", "l", "o", "Ġ", "he", "ll", "hell", "hello", "Ġhello", "1", "2",
            "12"
        };
        b.str("tokenizer.ggml.tokens")
                .u32(GgufValueType.ARRAY.id)
                .u32(GgufValueType.STRING.id)
                .u64(tokens.length);
        for (String t : tokens) {
            b.str(t);
        }
        b.str("tokenizer.ggml.token_type")
                .u32(GgufValueType.ARRAY.id)
                .u32(GgufValueType.INT32.id)
                .u64(tokens.length)
                .u32(3);
        for (int i = 1; i < tokens.length; i++) {
            b.u32(1);
        }
        String[] merges = {"h e", "l l", "he ll", "hell o", "Ġ hello", "1 2"};
        b.str("tokenizer.ggml.merges")
                .u32(GgufValueType.ARRAY.id)
                .u32(GgufValueType.STRING.id)
                .u64(merges.length);
        for (String m : merges) {
            b.str(m);
        }
        Path gguf = dir.resolve("tiny.gguf");
        Files.write(gguf, b.bytes());
        Path json = dir.resolve("tokenizer.json");
        try (GgufFile f = GgufFile.open(gguf)) {
            GgufTokenizerExport.write(f, json);
        }
        return json;
    }

    @Test
    void handBuiltByteLevelVocabulary() throws Exception {
        try (HuggingFaceTokenizer tok = load(tinyByteLevel(null), false)) {
            assertThat(tok.encode("hello hello").getIds()).containsExactly(9, 10);
            assertThat(tok.encode("hello<|end|>hell").getIds()).containsExactly(9, 0, 8);
            assertThat(tok.encode("12").getIds()).containsExactly(13);
            assertThat(tok.decode(new long[] {9, 10})).isEqualTo("hello hello");
        }
        // smollm splits digits one by one, so "12" is never merged
        try (HuggingFaceTokenizer tok = load(tinyByteLevel("smollm"), false)) {
            assertThat(tok.encode("12").getIds()).containsExactly(11, 12);
        }
    }

    @Test
    void unsupportedTokenizerModelIsNamed() throws Exception {
        byte[] bytes =
                new GgufBytes().header(3, 0, 1).kvString("tokenizer.ggml.model", "rwkv").bytes();
        Path gguf = dir.resolve("rwkv.gguf");
        Files.write(gguf, bytes);
        try (GgufFile f = GgufFile.open(gguf)) {
            assertThatThrownBy(() -> GgufTokenizerExport.write(f, dir.resolve("t.json")))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("rwkv.gguf")
                    .hasMessageContaining("'rwkv'")
                    .hasMessageContaining("gpt2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"smollm2", "gemma3", "qwen2"})
    void idsMatchTransformersOnTheRealFile(String model) throws Exception {
        Path file = GgufReferenceFiles.model(model);
        JsonNode ref = GgufReferenceFiles.fixture("tokenizer-reference.json").get(model);
        Path json = dir.resolve("tokenizer.json");
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufTokenizerExport.write(gguf, json);
        }
        try (HuggingFaceTokenizer tok = load(json, false)) {
            JsonNode texts = ref.get("texts");
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i).asText();
                long[] expected = new long[ref.get("ids").get(i).size()];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = ref.get("ids").get(i).get(k).asLong();
                }
                assertThat(tok.encode(text).getIds())
                        .as("%s: %s", model, text)
                        .containsExactly(expected);
            }
        }
        if (model.equals("gemma3")) {
            try (HuggingFaceTokenizer tok = load(json, true)) {
                assertThat(tok.encode("Hello").getIds()).startsWith(2L);
                assertThat(tok.decode(tok.encode("Hello world").getIds(), true))
                        .isEqualTo("Hello world");
            }
        }
    }
}
