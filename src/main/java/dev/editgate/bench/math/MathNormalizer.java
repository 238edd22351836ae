package dev.editgate.bench.math;

import dev.editgate.bench.protocol.PyText;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenCompass' {@code normalize_final_answer} (Minerva's), at the study's commit and at head. */
final class MathNormalizer {
    private MathNormalizer() {}

    private static final String[][] SUBSTITUTIONS = {
        {"an ", ""},
        {"a ", ""},
        {".$", "$"},
        {"\\$", ""},
        {"\\ ", ""},
        {" ", ""},
        {"mbox", "text"},
        {",\\text{and}", ","},
        {"\\text{and}", ","},
        {"\\text{m}", "\\text{}"},
        {"\\le", "<"}
    };
    private static final List<String> REMOVED =
            List.of(
                    "square",
                    "ways",
                    "integers",
                    "dollars",
                    "mph",
                    "inches",
                    "ft",
                    "hours",
                    "km",
                    "units",
                    "\\ldots",
                    "sue",
                    "points",
                    "feet",
                    "minutes",
                    "digits",
                    "cents",
                    "degrees",
                    "cm",
                    "gm",
                    "pounds",
                    "meters",
                    "meals",
                    "edges",
                    "students",
                    "childrentickets",
                    "multiples",
                    "\\text{s}",
                    "\\text{.}",
                    "\\text{\ns}",
                    "\\text{}^2",
                    "\\text{}^3",
                    "\\text{\n}",
                    "\\text{}",
                    "\\mathrm{th}",
                    "^\\circ",
                    "^{\\circ}",
                    "\\;",
                    ",\\!",
                    "{,}",
                    "\"",
                    "\\dots",
                    "\n",
                    "\r",
                    "\f");
    private static final Pattern TEXT_PAREN = PyText.regex("(\\\\text\\{)\\((.*?)\\)(\\})", 0);
    private static final Pattern TEXT = PyText.regex("(\\\\text\\{)(.*?)(\\})", 0);
    private static final Pattern TEXTBF = PyText.regex("(\\\\textbf\\{)(.*?)(\\})", 0);
    private static final Pattern OVERLINE = PyText.regex("(\\\\overline\\{)(.*?)(\\})", 0);
    private static final Pattern BOXED = PyText.regex("(\\\\boxed\\{)(.*)(\\})", 0);
    private static final Pattern FINAL = PyText.regex("finalansweris(.*)", 0);
    private static final Pattern ANSWER_IS = PyText.regex("answer?is:?(.*)", 0);
    private static final Pattern OXED = PyText.regex("oxed\\{(.*?)\\}", 0);
    private static final Pattern DOLLARS = PyText.regex("\\$(.*?)\\$", 0);
    private static final Pattern FRAC = PyText.regex("(frac)([^{])(.)", 0);
    private static final Pattern SQRT = PyText.regex("(sqrt)([^{])", 0);

    /** {@code normalize_final_answer}; {@code head} adds {@code \text{(X)} -> X}. */
    static String normalize(String finalAnswer, boolean head) {
        String a = finalAnswer;
        for (String[] s : SUBSTITUTIONS) {
            a = a.replace(s[0], s[1]);
        }
        for (String r : REMOVED) {
            a = a.replace(r, "");
        }
        if (head) {
            a = TEXT_PAREN.matcher(a).replaceAll("$2");
        }
        a = TEXT.matcher(a).replaceAll("$2");
        a = TEXTBF.matcher(a).replaceAll("$2");
        a = OVERLINE.matcher(a).replaceAll("$2");
        a = BOXED.matcher(a).replaceAll("$2");
        for (Pattern p : List.of(FINAL, ANSWER_IS, OXED, DOLLARS)) {
            String last = lastGroup(p, a);
            if (last != null) {
                a = last;
            }
        }
        a = PyText.strip(a);
        if (a.contains("rac") && !a.contains("\\frac")) {
            a = a.replace("rac", "\\frac");
        }
        a = FRAC.matcher(a).replaceAll("frac{$2}{$3}");
        a = SQRT.matcher(a).replaceAll("sqrt{$2}");
        a = a.replace("$", "");
        String noCommas = a.replace(",", "");
        if (!noCommas.isEmpty() && noCommas.chars().allMatch(Character::isDigit)) {
            a = noCommas;
        }
        return a;
    }

    private static String lastGroup(Pattern p, String s) {
        Matcher m = p.matcher(s);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }
}
