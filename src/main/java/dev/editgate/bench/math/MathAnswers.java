package dev.editgate.bench.math;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer of a MATH solution: the content of the last {@code \boxed{...}} (or {@code
 * \fbox{...}}, or {@code \boxed 5}) with braces balanced; failing that, what follows the last
 * "final answer is" up to the end of its sentence; "" when neither is present. Surrounding {@code
 * $} signs and a final period are removed.
 */
final class MathAnswers {
    private static final Pattern FINAL =
            Pattern.compile(
                    "(?i)final answer is:?\\s*(.+?)(?:\\.\\s+I hope|\\.?\\s*\\n|\\.?\\s*$)");

    private MathAnswers() {}

    static String extract(String text) {
        String boxed = lastBoxed(text);
        if (boxed != null) {
            return clean(boxed);
        }
        Matcher m = FINAL.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found == null ? "" : clean(found);
    }

    /** Content of the last {@code \boxed} / {@code \fbox}; null when none is complete. */
    static String lastBoxed(String text) {
        int idx = text.lastIndexOf("\\boxed");
        String cmd = "\\boxed";
        if (idx < 0) {
            idx = text.lastIndexOf("\\fbox");
            cmd = "\\fbox";
        }
        if (idx < 0) {
            return null;
        }
        int i = idx + cmd.length();
        if (i < text.length() && text.charAt(i) == ' ') { // "\boxed 5"
            int end = i + 1;
            while (end < text.length()
                    && !Character.isWhitespace(text.charAt(end))
                    && text.charAt(end) != '$') {
                end++;
            }
            return text.substring(i + 1, end);
        }
        if (i >= text.length() || text.charAt(i) != '{') {
            return null;
        }
        int depth = 0;
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(i + 1, j);
            }
        }
        return null; // unclosed: generation was cut off
    }

    private static String clean(String answer) {
        String a = answer.strip();
        if (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1).strip();
        }
        if (a.length() >= 2 && a.startsWith("$") && a.endsWith("$")) {
            a = a.substring(1, a.length() - 1).strip();
        }
        return a;
    }
}
