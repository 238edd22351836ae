package dev.editgate.bench.protocol;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenCompass' answer post-processors for letter answers. */
public final class AnswerPatterns {
    private AnswerPatterns() {}

    /**
     * The first upper-case letter of {@code text} ({@code first_capital_postprocess}); "" if none.
     */
    public static String firstCapital(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isUpperCase(cp)) {
                return new String(Character.toChars(cp));
            }
            i += Character.charCount(cp);
        }
        return "";
    }

    /**
     * The first option letter among {@code options} (e.g. {@code "AB"}) that the text states as its
     * answer ({@code first_option_postprocess}): explicit phrasings first ("the answer is (B)",
     * "答案是 B", "option B"), then a letter standing alone, then any letter; "" if none.
     */
    public static String firstOption(String text, String options) {
        String o = "[" + Pattern.quote(options).replace("\\Q", "").replace("\\E", "") + "]";
        List<String> patterns =
                List.of(
                        "答案是?\\s*[:：]?\\s*(" + o + ")",
                        "答案应该?是\\s*(" + o + ")",
                        "答案为\\s*(" + o + ")",
                        "选择?\\s*(" + o + ")",
                        "[Tt]he (?:correct )?answer(?: to the question)? is(?: option)?:?\\s+\\(?("
                                + o
                                + ")\\)?",
                        "[Aa]nswer:?\\s*\\(?(" + o + ")\\)?(?![A-Za-z])",
                        "^选项\\s?(" + o + ")",
                        "^(" + o + ")\\s?选?项",
                        "(?:\\s|^)\\(?(" + o + ")\\)?[\\s。，,：:.)]",
                        "(?:\\s|^)\\(?(" + o + ")\\)?$",
                        "(" + o + "):",
                        "(" + o + ")");
        for (String p : patterns) {
            Matcher m = Pattern.compile(p, Pattern.MULTILINE).matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }
}
