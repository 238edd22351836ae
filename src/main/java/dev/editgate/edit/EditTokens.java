package dev.editgate.edit;

import dev.editgate.model.TextTokenizer;
import java.util.Arrays;

/**
 * Token-level view of an edit prompt: where the subject ends and which tokens the target adds.
 *
 * <p>The target's tokens are those of {@code encode(prompt + target)} past the prompt's tokens
 * (lm-evaluation-harness convention), so a target written with its leading space tokenizes as it
 * would follow the prompt. The subject's last token is found as ROME does: the length of the
 * encoded text up to the end of the subject's last occurrence, minus one.
 */
public final class EditTokens {
    private EditTokens() {}

    /** Ids of {@code prompt} (with the tokenizer's special tokens). */
    public static int[] prompt(TextTokenizer tokenizer, String prompt) {
        return tokenizer.encode(prompt);
    }

    /** Ids the target adds after {@code prompt}; throws when there are none. */
    public static int[] target(TextTokenizer tokenizer, String prompt, String target) {
        if (target == null || target.isBlank()) {
            throw new EditException("empty target for prompt \"" + prompt + "\"");
        }
        int[] p = tokenizer.encode(prompt);
        int[] full = tokenizer.encode(prompt + target);
        int common = 0;
        while (common < p.length && common < full.length && p[common] == full[common]) {
            common++;
        }
        // A merge across the boundary changes the prompt's last token: keep the prompt's own
        // tokens and encode the target alone after them.
        int[] out =
                common == p.length
                        ? Arrays.copyOfRange(full, p.length, full.length)
                        : tokenizer.encode(target, false);
        if (out.length == 0) {
            throw new EditException(
                    "target \"" + target + "\" adds no tokens to \"" + prompt + "\"");
        }
        return out;
    }

    /**
     * Index (into {@code encode(text)}) of the last token of the last occurrence of {@code subject}
     * in {@code text}.
     */
    public static int subjectLast(TextTokenizer tokenizer, String text, String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new EditException("request has no subject; prompt \"" + text + "\"");
        }
        int at = text.lastIndexOf(subject);
        if (at < 0) {
            throw new EditException(
                    "subject \"" + subject + "\" does not occur in the prompt \"" + text + "\"");
        }
        int total = tokenizer.encode(text).length;
        int upTo = tokenizer.encode(text.substring(0, at + subject.length())).length;
        return Math.min(upTo, total) - 1;
    }

    /** {@code a} followed by {@code b}. */
    public static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
