package dev.editgate.bench.mbpp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code in an MBPP answer, as OpenCompass' {@code MBPPEvaluator._process_answer} finds it: the
 * text between {@code [BEGIN]} and {@code [DONE]} (quotes optional), else inside a Markdown code
 * fence, else the text before a fence; then cut at any leftover fence or {@code [DONE]}, with
 * {@code \_} unescaped and surrounding quotes and space removed.
 */
final class MbppCode {
    private static final List<Pattern> PATTERNS =
            List.of(
                            "\\[BEGIN\\]\\s*'(.*)'\\s*\\[DONE\\]",
                            "BEGIN\\s*'(.*)'\\s*\\[DONE\\]",
                            "\\[BEGIN\\]\\s*'(.*)'\\s*DONE",
                            "BEGIN\\s*'(.*)'\\s*DONE",
                            "\\[BEGIN\\]\\s*'(.*)\\s*\\[DONE\\]",
                            "BEGIN\\s*'(.*)\\s*\\[DONE\\]",
                            "\\[BEGIN\\]\\s*'(.*)\\s*DONE",
                            "BEGIN\\s*'(.*)\\s*DONE",
                            "\\[BEGIN\\]\\s*(.*)\\s*\\[DONE\\]",
                            "BEGIN\\s*(.*)\\s*\\[DONE\\]",
                            "\\[BEGIN\\]\\s*(.*)\\s*DONE",
                            "BEGIN\\s*(.*)\\s*DONE",
                            "```python\\s*(.*)\\s*```",
                            "```\\s*(.*)\\s*```",
                            "```python\\s*(.*)\\s*$",
                            "```\\s*(.*)\\s*$",
                            "(.*)\\s*```.*",
                            "\\[BEGIN\\]\\s*'(.*)",
                            "\\[BEGIN\\](.*)",
                            "'(.*)'\\s*\\[DONE\\]")
                    .stream()
                    .map(p -> Pattern.compile(p, Pattern.DOTALL))
                    .toList();
    private static final Pattern DONE = Pattern.compile("'?\\s*\\[?DONE\\]?");

    private MbppCode() {}

    static String extract(String text) {
        String t = text;
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(t);
            if (m.find()) {
                t = m.group(1);
                break;
            }
        }
        int fence = t.indexOf("```");
        if (fence >= 0) {
            t = t.substring(0, fence);
        }
        t = DONE.split(t, 2)[0];
        t = t.replace("\\_", "_").strip();
        if (t.startsWith(
                "'")) { // the generation prompt ends "[BEGIN]\n", so the model opens with a quote
            t = t.substring(1);
        }
        if (t.endsWith("'")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.strip();
    }
}
