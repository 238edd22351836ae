package dev.editgate.model.init;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Hugging Face {@code tokenizer.json} with GPT-2's byte-level alphabet and no merges: every byte
 * is one token (ids 0-255, in GPT-2's {@code bytes_to_unicode} order), plus {@code <|endoftext|>}
 * (256). Any UTF-8 text round-trips.
 */
final class ByteLevelTokenizerJson {
    static final int SIZE = 257;
    static final int EOS_ID = 256;

    private ByteLevelTokenizerJson() {}

    /** GPT-2's map from bytes to printable characters. */
    static char[] bytesToUnicode() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            map[b] = printable[b] ? (char) b : (char) (256 + n++);
        }
        return map;
    }

    static String json() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        ObjectNode eos = added.addObject();
        eos.put("id", EOS_ID);
        eos.put("content", "<|endoftext|>");
        eos.put("single_word", false);
        eos.put("lstrip", false);
        eos.put("rstrip", false);
        eos.put("normalized", false);
        eos.put("special", true);
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel");
        pre.put("add_prefix_space", false);
        pre.put("trim_offsets", true);
        pre.put("use_regex", true);
        root.putNull("post_processor");
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "ByteLevel");
        dec.put("add_prefix_space", true);
        dec.put("trim_offsets", true);
        dec.put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        char[] map = bytesToUnicode();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(map[b]), b);
        }
        vocab.put("<|endoftext|>", EOS_ID);
        model.putArray("merges");
        return root.toPrettyString();
    }
}
