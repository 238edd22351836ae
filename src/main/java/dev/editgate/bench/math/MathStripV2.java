package dev.editgate.bench.math;

import dev.editgate.bench.protocol.PyText;
import java.util.regex.Pattern;

/** OpenCompass' {@code MATHEvaluator._strip_string_v2} (head's MATH v2 protocol). */
final class MathStripV2 {
    private MathStripV2() {}

    private static final Pattern TRAILING_TEXT = PyText.regex("\\\\text\\{.*?\\}$", 0);
    private static final Pattern MBOX = PyText.regex("\\\\mbox\\{.*?\\}", 0);
    private static final Pattern ZEROS_MID = PyText.regex("(\\d+)\\.0+([^\\d])", 0);
    private static final Pattern ZEROS_END = PyText.regex("(\\d+)\\.0+$", 0);
    private static final Pattern SQRT = PyText.regex("\\\\sqrt(\\w+)", 0);

    static String strip(String input) {
        String s = PyText.strip(input);
        s = s.replace("\n", "");
        s = rstripDots(s);
        s = s.replace("\\!", "").replace("\\ ", "");
        s = s.replace("\\\\", "\\").replace("\\\\", "\\");
        s = s.replace("tfrac", "frac").replace("dfrac", "frac");
        s = s.replace("\\left", "").replace("\\right", "");
        String t = PyText.strip(TRAILING_TEXT.matcher(s).replaceAll(""));
        if (!t.isEmpty() && !t.equals(s)) {
            s = t;
        }
        s = s.replace("^{\\circ}", "").replace("^\\circ", "");
        s = s.replace("\\$", "").replace("$", "");
        s = s.replace("\\text", "").replace("x\\in", "");
        s = s.replace("\\%", "").replace("%", "");
        s = s.replace(" .", " 0.").replace("{.", "{0.");
        s = s.replace("\\cdot", "");
        s = s.replace("infinity", "\\infty");
        if (!s.contains("\\infty")) {
            s = s.replace("inf", "\\infty");
        }
        s = s.replace("+\\inity", "\\infty");
        s = s.replace("and", "").replace("\\mathbf", "");
        s = MBOX.matcher(s).replaceAll("");
        if (s.contains("j") && !s.contains("i")) {
            s = s.replace('j', 'i');
        }
        s = ZEROS_MID.matcher(s).replaceAll("$1$2");
        s = ZEROS_END.matcher(s).replaceAll("$1");
        if (s.isEmpty()) {
            return s;
        }
        if (s.charAt(0) == '.') {
            s = "0" + s;
        }
        String[] eq = s.split("=", -1);
        if (eq.length == 2 && eq[0].length() <= 2) {
            s = eq[1];
        }
        s = SQRT.matcher(s).replaceAll("\\\\sqrt{$1}");
        s = s.replace(" ", "");
        s = MathEquivalence.fixFracsV1(s);
        return MathEquivalence.fixSlashV1(s);
    }

    private static String rstripDots(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == '.') {
            e--;
        }
        return s.substring(0, e);
    }
}
