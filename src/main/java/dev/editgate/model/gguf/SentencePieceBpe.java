package dev.editgate.model.gguf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SentencePiece BPE with byte fallback ({@code tokenizer.ggml.model = llama}, Gemma layout) as a
 * tokenizer.json. GGUF files of this kind carry no merges; they are rebuilt from the vocabulary as
 * {@code transformers} does: every split of a token into two vocabulary pieces, ranked by the
 * token's position in the file (earlier first), then by the pieces' lengths.
 */
final class SentencePieceBpe {

    private static final String SPACE = "\u2581";

    private SentencePieceBpe() {}

    private record Merge(String left, String right, int score, int leftLength, int rightLength) {}

    /** Python's {@code str.isspace} for one character. */
    private static boolean isPythonSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    /** Gemma stores runs of spaces as real spaces; the vocabulary spells them with ▁. */
    static String respell(String token) {
        if (token.indexOf(' ') < 0
                || !token.codePoints().allMatch(SentencePieceBpe::isPythonSpace)) {
            return token;
        }
        return SPACE.repeat(token.codePointCount(0, token.length()));
    }

    static void fill(ObjectNode root, GgufMetadata m) {
        List<String> tokens = m.tokens();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        Map<String, Integer> score = new LinkedHashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            String t = respell(tokens.get(id));
            vocab.put(t, id);
            score.put(t, -id);
        }
        GgufTokenizerExport.addedTokens(root, m, t -> true, vocab::containsKey);
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Replace");
        normalizer.putObject("pattern").put("String", " ");
        normalizer.put("content", SPACE);
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Split");
        pre.putObject("pattern").put("String", " ");
        pre.put("behavior", "MergedWithPrevious");
        pre.put("invert", false);
        GgufTokenizerExport.postProcessor(root, m);
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "Sequence");
        ArrayNode decoders = decoder.putArray("decoders");
        ObjectNode replace = decoders.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("String", SPACE);
        replace.put("content", " ");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");

        String unk =
                m.findLong("tokenizer.ggml.unknown_token_id").isPresent()
                        ? tokens.get((int) m.getLong("tokenizer.ggml.unknown_token_id"))
                        : "<unk>";
        ObjectNode model = GgufTokenizerExport.bpeModel(root, unk, true);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode mergesNode = model.putArray("merges");
        for (Merge merge : merges(vocab, score)) {
            mergesNode.addArray().add(merge.left()).add(merge.right());
        }
    }

    /** transformers' {@code generate_merges(vocab, scores)} with scores (sorted descending). */
    static List<Merge> merges(Map<String, Integer> vocab, Map<String, Integer> scores) {
        List<Merge> all = new ArrayList<>();
        List<Merge> local = new ArrayList<>();
        for (Map.Entry<String, Integer> e : scores.entrySet()) {
            String token = e.getKey();
            int codePoints = token.codePointCount(0, token.length());
            local.clear();
            int at = 0;
            for (int i = 1; i < codePoints; i++) {
                at = token.offsetByCodePoints(at, 1);
                String left = token.substring(0, at);
                String right = token.substring(at);
                if (vocab.containsKey(left) && vocab.containsKey(right)) {
                    local.add(new Merge(left, right, e.getValue(), i, codePoints - i));
                }
            }
            local.sort(
                    Comparator.comparingInt((Merge x) -> vocab.get(x.left()))
                            .thenComparingInt(x -> vocab.get(x.right())));
            all.addAll(local);
        }
        // Python's sorted(..., reverse=True) is stable: equal keys keep their order
        all.sort(
                Comparator.comparingInt(Merge::score)
                        .thenComparingInt(Merge::leftLength)
                        .thenComparingInt(Merge::rightLength)
                        .reversed());
        return all;
    }
}
