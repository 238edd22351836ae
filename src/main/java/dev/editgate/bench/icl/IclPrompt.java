package dev.editgate.bench.icl;

import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.model.TextTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The in-context prompt of Wang et al. (2023, "Label Words are Anchors", {@code
 * icl/utils/data_wrapper.py}): each demonstration rendered with {@code template} (default {@code
 * "Review: {text}\nSentiment:{label}"}) and its label word, then the query rendered with an empty
 * label, all joined by newlines; the model's next token after the final {@code "Sentiment:"} is the
 * prediction. {@code {label}} must end the template.
 *
 * @param labelWords the label word of each class, by label index (e.g. {@code [" negative", "
 *     positive"]}); each is what follows the template's text up to {@code {label}}
 */
public record IclPrompt(PromptTemplate template, List<String> labelWords) {
    public static final String DEFAULT_TEMPLATE = "Review: {text}\nSentiment:{label}";
    public static final List<String> FIELDS = List.of("text", "label");

    public IclPrompt {
        if (!template.text().endsWith("{label}")) {
            throw new IllegalArgumentException(
                    "template '" + template.text() + "' must end with {label}");
        }
        labelWords = List.copyOf(labelWords);
    }

    /** The prompt text: demonstrations with their label words, then the query without. */
    public Rendered render(List<Sst2Item> demonstrations, Sst2Item query) {
        StringBuilder b = new StringBuilder();
        int[] starts = new int[demonstrations.size()];
        int[] labels = new int[demonstrations.size()];
        for (int i = 0; i < demonstrations.size(); i++) {
            Sst2Item d = demonstrations.get(i);
            b.append(unlabelled(d));
            starts[i] = b.length();
            labels[i] = d.label();
            b.append(labelWords.get(d.label())).append('\n');
        }
        b.append(unlabelled(query));
        return new Rendered(b.toString(), starts, labels);
    }

    private String unlabelled(Sst2Item item) {
        return template.render(Map.of("text", item.text(), "label", ""));
    }

    /**
     * A rendered prompt.
     *
     * @param labelStarts character offset of each demonstration's label word in {@code text}
     * @param labels each demonstration's label
     */
    public record Rendered(String text, int[] labelStarts, int[] labels) {

        /**
         * Token positions of the prompt under {@code tok} (encoded with special tokens): the first
         * token of each demonstration's label word and the last token (the target position q).
         * Holds only when encoding the text before a label word gives a prefix of the whole
         * prompt's tokens, as byte-level and SentencePiece tokenizers do for a word after a space;
         * otherwise an error names the demonstration.
         */
        public Positions positions(TextTokenizer tok) {
            int[] ids = tok.encode(text);
            int[] pos = new int[labelStarts.length];
            for (int k = 0; k < labelStarts.length; k++) {
                int[] before = tok.encode(text.substring(0, labelStarts[k]));
                if (before.length >= ids.length
                        || !Arrays.equals(before, Arrays.copyOf(ids, before.length))) {
                    throw new IllegalArgumentException(
                            "label word of demonstration "
                                    + (k + 1)
                                    + " does not start a token of the prompt (the tokenizer merges"
                                    + " it with the text before it); write label words that begin"
                                    + " with a space, e.g. ' positive'");
                }
                pos[k] = before.length;
            }
            return new Positions(ids, pos, ids.length - 1);
        }
    }

    /**
     * @param ids the prompt's tokens
     * @param labelPositions the first token of each demonstration's label word (p_k)
     * @param target the last token, whose next-token distribution is the prediction (q)
     */
    public record Positions(int[] ids, int[] labelPositions, int target) {}

    /**
     * The first token of each label word as a continuation of {@code context}; distinct words must
     * start with distinct tokens (they are read from one next-token distribution).
     */
    public int[] labelTokens(TextTokenizer tok, String context) {
        int n = tok.encode(context).length;
        int[] out = new int[labelWords.size()];
        for (int c = 0; c < out.length; c++) {
            int[] all = tok.encode(context + labelWords.get(c));
            if (all.length <= n) {
                throw new IllegalArgumentException(
                        "label word '" + labelWords.get(c) + "' adds no token to the prompt");
            }
            out[c] = all[n];
            for (int e = 0; e < c; e++) {
                if (out[e] == out[c]) {
                    throw new IllegalArgumentException(
                            "label words '"
                                    + labelWords.get(e)
                                    + "' and '"
                                    + labelWords.get(c)
                                    + "' begin with the same token "
                                    + out[c]
                                    + "; choose words whose first tokens differ");
                }
            }
        }
        return out;
    }
}
