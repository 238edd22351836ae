package dev.editgate.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (through DJL's tokenizers binding) with the model's special
 * token ids. Encoding with special tokens adds what the tokenizer's post-processor adds (BOS for
 * LLaMA), exactly as {@code tokenizer(text)} does in Python; no truncation, no padding.
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int bosId;
    private final int eosId;
    private final int padId;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int bosId, int eosId, int padId) {
        this.tokenizer = tokenizer;
        this.bosId = bosId;
        this.eosId = eosId;
        this.padId = padId;
    }

    /**
     * Loads {@code tokenizer.json} from a model folder. Special ids: {@code config.json} first;
     * tokens named in {@code tokenizer_config.json} ({@code bos_token}, {@code eos_token}, {@code
     * pad_token}) fill what it leaves unset; {@code generation_config.json} wins for BOS and EOS,
     * as in transformers' generate. -1 when nothing names them.
     */
    public static TextTokenizer load(Path modelDir, ModelConfig config) {
        Path file = modelDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(
                    modelDir
                            + ": no tokenizer.json; a Hugging Face model folder needs one (a fast tokenizer)");
        }
        int bos = config.bosTokenId();
        int eos = config.eosTokenId();
        int pad = config.padTokenId();
        Path tkConfig = modelDir.resolve("tokenizer_config.json");
        if (Files.isRegularFile(tkConfig)) {
            try {
                JsonNode node = new ObjectMapper().readTree(tkConfig.toFile());
                JsonNode vocab = new ObjectMapper().readTree(file.toFile());
                bos = bos >= 0 ? bos : idOfToken(vocab, node.get("bos_token"));
                eos = eos >= 0 ? eos : idOfToken(vocab, node.get("eos_token"));
                pad = pad >= 0 ? pad : idOfToken(vocab, node.get("pad_token"));
            } catch (IOException e) {
                throw new ModelLoadException(tkConfig + ": not valid JSON: " + e.getMessage(), e);
            }
        }
        Path gen = modelDir.resolve("generation_config.json");
        if (Files.isRegularFile(gen)) {
            try {
                JsonNode node = new ObjectMapper().readTree(gen.toFile());
                bos = firstId(node.get("bos_token_id"), bos);
                eos = firstId(node.get("eos_token_id"), eos);
                pad = firstId(node.get("pad_token_id"), pad);
            } catch (IOException e) {
                throw new ModelLoadException(gen + ": not valid JSON: " + e.getMessage(), e);
            }
        }
        try {
            HuggingFaceTokenizer tk =
                    HuggingFaceTokenizer.newInstance(
                            file,
                            Map.of(
                                    "addSpecialTokens", "true",
                                    "truncation", "false",
                                    "padding", "false",
                                    "maxLength", String.valueOf(Integer.MAX_VALUE / 2)));
            return new TextTokenizer(tk, bos, eos, pad >= 0 ? pad : (eos >= 0 ? eos : 0));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(file + ": cannot load tokenizer: " + e.getMessage(), e);
        }
    }

    /**
     * Id of a token named as a string or {@code {"content": ...}}, from tokenizer.json; -1 if
     * absent.
     */
    private static int idOfToken(JsonNode tokenizerJson, JsonNode token) {
        if (token == null || token.isNull()) {
            return -1;
        }
        String content = token.isTextual() ? token.asText() : token.path("content").asText(null);
        if (content == null) {
            return -1;
        }
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            if (content.equals(added.path("content").asText())) {
                return added.path("id").asInt();
            }
        }
        JsonNode id = tokenizerJson.path("model").path("vocab").get(content);
        return id != null && id.canConvertToInt() ? id.asInt() : -1;
    }

    private static int firstId(JsonNode node, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isArray()) {
            return node.isEmpty() ? fallback : node.get(0).asInt();
        }
        return node.asInt();
    }

    /** Token ids of {@code text}, with the tokenizer's special tokens (BOS for LLaMA). */
    public int[] encode(String text) {
        return encode(text, true);
    }

    public int[] encode(String text, boolean addSpecialTokens) {
        long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** Text of {@code ids}, special tokens skipped. */
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, true);
    }

    public String decode(List<Integer> ids) {
        return decode(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    public int bosId() {
        return bosId;
    }

    public int eosId() {
        return eosId;
    }

    /** Id used to pad batches (masked out, so its value never matters): pad, else EOS, else 0. */
    public int padId() {
        return padId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
