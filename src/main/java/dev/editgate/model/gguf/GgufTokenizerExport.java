package dev.editgate.model.gguf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.weights.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes a Hugging Face {@code tokenizer.json} from the {@code tokenizer.ggml.*} metadata of a GGUF
 * file, as {@code transformers} builds it when loading a GGUF tokenizer.
 *
 * <p>Two vocabularies are supported: {@code gpt2} (byte-level BPE with merges: SmolLM2, Qwen2,
 * Llama 3) and {@code llama} (SentencePiece BPE with byte fallback: Gemma). Tokens of type CONTROL
 * become special added tokens and USER_DEFINED ones plain added tokens, so both are matched whole.
 */
public final class GgufTokenizerExport {

    static final int TYPE_CONTROL = 3;
    static final int TYPE_USER_DEFINED = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private GgufTokenizerExport() {}

    /**
     * Builds the tokenizer of {@code gguf} and writes it to {@code tokenizerJson}.
     *
     * @throws CheckpointException when the metadata lacks tokenizer keys or names an unsupported
     *     tokenizer model
     */
    public static void write(GgufFile gguf, Path tokenizerJson) {
        ObjectNode root = build(gguf.metadata(), gguf.file());
        try {
            Files.writeString(tokenizerJson, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new CheckpointException(
                    tokenizerJson + ": cannot write tokenizer.json (" + e + ")", e);
        }
    }

    /** The {@code tokenizer.json} tree for the metadata of {@code file}. */
    static ObjectNode build(GgufMetadata m, Path file) {
        String model = m.tokenizerModel();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        switch (model) {
            case "gpt2" -> ByteLevelBpe.fill(root, m);
            case "llama" -> SentencePieceBpe.fill(root, m);
            default ->
                    throw new CheckpointException(
                            file
                                    + ": metadata key 'tokenizer.ggml.model' is '"
                                    + model
                                    + "'; accepted: gpt2 (byte-level BPE), llama (SentencePiece)");
        }
        return root;
    }

    /**
     * Adds the added_tokens array: CONTROL tokens passing {@code controlUsable} as special,
     * USER_DEFINED ones passing {@code userUsable} as plain added tokens.
     */
    static void addedTokens(
            ObjectNode root,
            GgufMetadata m,
            Predicate<String> controlUsable,
            Predicate<String> userUsable) {
        List<String> tokens = m.tokens();
        long[] types = m.tokenTypes().orElse(new long[0]);
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < Math.min(tokens.size(), types.length); id++) {
            String token = tokens.get(id);
            boolean control = types[id] == TYPE_CONTROL && controlUsable.test(token);
            boolean user = types[id] == TYPE_USER_DEFINED && userUsable.test(token);
            if (!control && !user) {
                continue;
            }
            ObjectNode t = added.addObject();
            t.put("id", id);
            t.put("content", token);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", control);
        }
    }

    /** A post-processor that prepends BOS when {@code tokenizer.ggml.add_bos_token} is true. */
    static void postProcessor(ObjectNode root, GgufMetadata m) {
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        Object addBos = m.asMap().get("tokenizer.ggml.add_bos_token");
        String bos =
                Boolean.TRUE.equals(addBos) && m.bosTokenId().isPresent()
                        ? m.tokens().get((int) m.bosTokenId().getAsLong())
                        : null;
        ArrayNode single = post.putArray("single");
        ArrayNode pair = post.putArray("pair");
        if (bos != null) {
            single.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
            pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        }
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        if (bos != null) {
            pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 1);
        }
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode specials = post.putObject("special_tokens");
        if (bos != null) {
            ObjectNode t = specials.putObject(bos);
            t.put("id", bos);
            t.putArray("ids").add(m.bosTokenId().getAsLong());
            t.putArray("tokens").add(bos);
        }
    }

    /** A BPE model node with the given options; vocab and merges are added by the caller. */
    static ObjectNode bpeModel(ObjectNode root, String unk, boolean byteFallback) {
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        if (unk == null) {
            model.putNull("unk_token");
        } else {
            model.put("unk_token", unk);
        }
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", unk != null);
        model.put("byte_fallback", byteFallback);
        model.put("ignore_merges", false);
        return model;
    }
}
