package dev.editgate.bench.math;

import dev.editgate.bench.protocol.PyText;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenCompass' MATH answer extraction: {@code math_postprocess} at the study's commit (the first
 * '.'-separated piece that mentions "final answer", normalised; else the first piece) and {@code
 * math_postprocess_v2} at head (the last {@code \boxed{}} first, double braces removed).
 */
final class MathAnswers {
    private static final Pattern HEAD_PIECE = Pattern.compile("final answer|answer is");
    private static final Pattern DOUBLE_BRACE = PyText.regex("^\\{(.*)\\}$", 0);

    private MathAnswers() {}

    /** {@code math_postprocess} (study). */
    static String extract(String text) {
        String[] pieces = text.split("\\.", -1);
        for (String p : pieces) {
            if (p.toLowerCase(Locale.ROOT).contains("final answer")) {
                return MathNormalizer.normalize(p, false);
            }
        }
        return MathNormalizer.normalize(pieces[0], false);
    }

    /** {@code math_postprocess_v2} (head). */
    static String extractHead(String text) {
        String boxed = boxedAnswer(text);
        if (boxed != null) {
            Matcher m = DOUBLE_BRACE.matcher(boxed);
            if (m.matches()) {
                boxed = m.group(1);
            }
            if (!boxed.isEmpty()) {
                return boxed;
            }
        }
        String[] pieces = text.split("\\.", -1);
        for (String p : pieces) {
            if (HEAD_PIECE.matcher(p.toLowerCase(Locale.ROOT)).find()) {
                return MathNormalizer.normalize(p, true);
            }
        }
        return MathNormalizer.normalize(pieces[0], true);
    }

    /**
     * Whether no continuation can change {@link #extract}: a piece mentioning "final answer" is
     * already closed by a period. (The head extraction reads the last box: never settled early.)
     */
    static boolean decided(String text) {
        String[] pieces = text.split("\\.", -1);
        for (int i = 0; i < pieces.length - 1; i++) {
            if (pieces[i].toLowerCase(Locale.ROOT).contains("final answer")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code extract_boxed_answer}: the content of the last {@code \boxed{...}} (braces balanced
     * from the command on, as {@code last_boxed_only_string}), or null when there is none, it is
     * unclosed or it is not a {@code \boxed{} } ({@code \fbox}, {@code \boxed 5}).
     */
    static String boxedAnswer(String text) {
        int idx = text.lastIndexOf("\\boxed");
        if (idx < 0) {
            idx = text.lastIndexOf("\\fbox");
            if (idx < 0) {
                return null;
            }
        }
        int open = 0;
        for (int i = idx; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                open++;
            }
            if (c == '}') {
                open--;
                if (open == 0) {
                    String s = text.substring(idx, i + 1);
                    return s.startsWith("\\boxed{") ? s.substring(7, s.length() - 1) : null;
                }
            }
        }
        return null;
    }

    /** The reference answer in a MATH solution (OpenCompass' {@code MATHDataset}). */
    static String lastBoxed(String solution) {
        return boxedAnswer(solution);
    }
}
