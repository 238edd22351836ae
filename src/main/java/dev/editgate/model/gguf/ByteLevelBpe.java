package dev.editgate.model.gguf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GPT-2 style byte-level BPE ({@code tokenizer.ggml.model = gpt2}) as a tokenizer.json. */
final class ByteLevelBpe {

    /** Pre-tokenizer split patterns by {@code tokenizer.ggml.pre}, as llama.cpp uses them. */
    private static final String LLAMA3 =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
                    + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final String QWEN2 =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
                    + "|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final Map<String, String> SPLITS =
            Map.of(
                    "llama3",
                    LLAMA3,
                    "llama-v3",
                    LLAMA3,
                    "llama-bpe",
                    LLAMA3,
                    "smaug-bpe",
                    LLAMA3,
                    "qwen2",
                    QWEN2,
                    "deepseek-r1-qwen",
                    QWEN2);

    /** GPT-2's printable spelling of each byte. */
    private static final char[] BYTE_TO_CHAR = byteAlphabet();

    private ByteLevelBpe() {}

    private static char[] byteAlphabet() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae);
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            map[b] = printable[b] ? (char) b : (char) (256 + n++);
        }
        return map;
    }

    /** Whether every character of {@code token} is a byte-alphabet character. */
    static boolean spelledInBytes(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= 0x100 + 68 || (c < 0x100 && BYTE_TO_CHAR[c] != c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code token} as is when spelled in the byte alphabet, else its UTF-8 bytes spelled so. */
    static String respell(String token) {
        if (spelledInBytes(token)) {
            return token;
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            sb.append(BYTE_TO_CHAR[b & 0xff]);
        }
        return sb.toString();
    }

    static void fill(ObjectNode root, GgufMetadata m) {
        List<String> tokens = m.tokens();
        Set<String> vocabKeys = new HashSet<>();
        tokens.forEach(t -> vocabKeys.add(respell(t)));
        GgufTokenizerExport.addedTokens(root, m, ByteLevelBpe::spelledInBytes, vocabKeys::contains);
        root.putNull("normalizer");
        String pre = m.tokenizerPre().orElse("default");
        ObjectNode byteLevel = root.objectNode();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        String split = SPLITS.get(pre);
        if (split != null) {
            byteLevel.put("use_regex", false);
            ObjectNode seq = root.putObject("pre_tokenizer");
            seq.put("type", "Sequence");
            ArrayNode list = seq.putArray("pretokenizers");
            ObjectNode s = list.addObject();
            s.put("type", "Split");
            s.putObject("pattern").put("Regex", split);
            s.put("behavior", "Isolated");
            s.put("invert", false);
            list.add(byteLevel);
        } else if (pre.equals("smollm")) {
            // SmolLM's own tokenizer.json: digits one by one, then GPT-2's byte-level split
            byteLevel.put("use_regex", true);
            ObjectNode seq = root.putObject("pre_tokenizer");
            seq.put("type", "Sequence");
            ArrayNode list = seq.putArray("pretokenizers");
            list.addObject().put("type", "Digits").put("individual_digits", true);
            list.add(byteLevel);
        } else {
            byteLevel.put("use_regex", true);
            root.set("pre_tokenizer", byteLevel);
        }
        GgufTokenizerExport.postProcessor(root, m);
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", true);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);

        ObjectNode model = GgufTokenizerExport.bpeModel(root, null, false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(respell(tokens.get(id)), id);
        }
        ArrayNode merges = model.putArray("merges");
        for (String merge : m.merges()) {
            int space = merge.indexOf(' ');
            ArrayNode pair = merges.addArray();
            pair.add(space < 0 ? merge : merge.substring(0, space));
            pair.add(space < 0 ? "" : merge.substring(space + 1));
        }
    }
}
