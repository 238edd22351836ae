package dev.editgate.bench.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenCompass' answer post-processors for letter answers ({@code
 * opencompass/utils/text_postprocessors.py}): {@code first_capital_postprocess} and {@code
 * first_option_postprocess} as of the study's commit (120bf8b, March 2024) and of OpenCompass' head
 * (a5acc4b), which reordered and widened the patterns, strips the text first and reads the
 * pattern's first group.
 */
public final class AnswerPatterns {
    private AnswerPatterns() {}

    /**
     * The first upper-case letter of {@code text} ({@code first_capital_postprocess}); "" if none.
     */
    public static String firstCapital(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (PyText.isUpper(cp)) {
                return new String(Character.toChars(cp));
            }
            i += Character.charCount(cp);
        }
        return "";
    }

    /** {@code first_option_postprocess(text, options)} as of the study's commit. */
    public static String firstOption(String text, String options) {
        for (Pattern p : studyPatterns(options)) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                String found = firstIn(m.group(0), options);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    /** {@code first_option_postprocess(text, options)} as of OpenCompass' head. */
    public static String firstOptionHead(String text, String options) {
        String t = PyText.strip(text);
        for (Pattern p : headPatterns(options)) {
            Matcher m = p.matcher(t);
            if (m.find()) {
                String g = m.groupCount() >= 1 ? m.group(1) : null;
                String found = firstIn(g != null && !g.isEmpty() ? g : m.group(0), options);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static String firstIn(String outputs, String options) {
        for (char c : options.toCharArray()) {
            if (outputs.indexOf(c) >= 0) {
                return String.valueOf(c);
            }
        }
        return "";
    }

    private static List<Pattern> studyPatterns(String options) {
        String o = "[" + options + "]";
        List<String> p =
                new ArrayList<>(
                        List.of(
                                "答案是?\\s?(" + o + ")",
                                "答案是?\\s?：(" + o + ")",
                                "答案是?\\s?:(" + o + ")",
                                "答案应该?是\\s?(" + o + ")",
                                "答案应该?选\\s?(" + o + ")",
                                "答案为\\s?(" + o + ")",
                                "答案选\\s?(" + o + ")",
                                "选择?\\s?(" + o + ")",
                                // a missing comma in the original joins these two
                                "故选?\\s?(" + o + ")只有选?项?\\s?(" + o + ")\\s?是?对",
                                "只有选?项?\\s?(" + o + ")\\s?是?错",
                                "只有选?项?\\s?(" + o + ")\\s?不?正确",
                                "只有选?项?\\s?(" + o + ")\\s?错误",
                                "说法不?对选?项?的?是\\s?(" + o + ")",
                                "说法不?正确选?项?的?是\\s?(" + o + ")",
                                "说法错误选?项?的?是\\s?(" + o + ")",
                                "(" + o + ")\\s?是正确的",
                                "(" + o + ")\\s?是正确答案",
                                "选项\\s?(" + o + ")\\s?正确",
                                "所以答\\s?(" + o + ")",
                                "所以\\s?(" + o + "[.。$]?$)",
                                "所有\\s?(" + o + "[.。$]?$)",
                                "[\\s，：:,](" + o + ")[。，,\\.]?$",
                                "[\\s，,：:][故即](" + o + ")[。\\.]?$",
                                "[\\s，,：:]因此(" + o + ")[。\\.]?$",
                                "[是为。]\\s?(" + o + ")[。\\.]?$",
                                "因此\\s?(" + o + ")[。\\.]?$",
                                "显然\\s?(" + o + ")[。\\.]?$",
                                "答案是\\s?(\\S+)(?:。|$)",
                                "答案应该是\\s?(\\S+)(?:。|$)",
                                "答案为\\s?(\\S+)(?:。|$)",
                                "[Tt]he answer is (" + o + ")",
                                "[Tt]he answer is option (" + o + ")",
                                "[Tt]he correct answer is (" + o + ")",
                                "[Tt]he correct answer is option (" + o + ")",
                                "[Tt]he answer to the question is (" + o + ")",
                                "^选项\\s?(" + o + ")",
                                "^(" + o + ")\\s?选?项",
                                "(\\s|^)" + o + "[\\s。，,：:\\.$]",
                                "(\\s|^)" + o + "(\\s|$)",
                                "1.\\s?(.*?)$",
                                "1.\\s?(" + o + ")[.。$]?$",
                                "(" + o + "):",
                                o));
        return p.stream().map(s -> PyText.regex(s, 0)).toList();
    }

    private static List<Pattern> headPatterns(String options) {
        String o = "[" + options + "]";
        List<String> p =
                List.of(
                        "答案是?\\s*(" + o + ")",
                        "答案是?\\s*：\\s*(" + o + ")",
                        "答案是?\\s*:\\s*(" + o + ")",
                        "答案选项应?该?是\\s*(" + o + ")",
                        "答案选项应?该?为\\s*(" + o + ")",
                        "答案应该?是\\s*(" + o + ")",
                        "答案应该?选\\s*(" + o + ")",
                        "答案选项为?\\s*：\\s*(" + o + ")",
                        "答案选项为?\\s+\\(?\\*?\\*?(" + o + ")\\*?\\*?\\)?",
                        "答案选项是?\\s*:\\s*(" + o + ")",
                        "答案为\\s*(" + o + ")",
                        "答案选\\s*(" + o + ")",
                        "选择?\\s*(" + o + ")",
                        "故选?\\s*(" + o + ")只有选?项?\\s?(" + o + ")\\s?是?对",
                        "只有选?项?\\s?(" + o + ")\\s?是?错",
                        "只有选?项?\\s?(" + o + ")\\s?不?正确",
                        "只有选?项?\\s?(" + o + ")\\s?错误",
                        "说法不?对选?项?的?是\\s?(" + o + ")",
                        "说法不?正确选?项?的?是\\s?(" + o + ")",
                        "说法错误选?项?的?是\\s?(" + o + ")",
                        "(" + o + ")\\s?是正确的",
                        "(" + o + ")\\s?是正确答案",
                        "选项\\s?(" + o + ")\\s?正确",
                        "所以答\\s?(" + o + ")",
                        "所以\\s?(" + o + "[.。$]?$)",
                        "所有\\s?(" + o + "[.。$]?$)",
                        "[\\s，：:,](" + o + ")[。，,\\.]?$",
                        "[\\s，,：:][故即](" + o + ")[。\\.]?$",
                        "[\\s，,：:]因此(" + o + ")[。\\.]?$",
                        "[是为。]\\s?(" + o + ")[。\\.]?$",
                        "因此\\s?(" + o + ")[。\\.]?$",
                        "显然\\s?(" + o + ")[。\\.]?$",
                        "答案是\\s?(\\S+)(?:。|$)",
                        "答案应该是\\s?(\\S+)(?:。|$)",
                        "答案为\\s?(\\S+)(?:。|$)",
                        "(?i)ANSWER\\s*:\\s*(" + o + ")",
                        "[Tt]he answer is:?\\s+\\(?(" + o + ")\\)?",
                        "[Tt]he answer is:?\\s+\\(?\\*?\\*?(" + o + ")\\*?\\*?\\)?",
                        "[Tt]he answer is option:?\\s+\\(?(" + o + ")\\)?",
                        "[Tt]he correct answer is:?\\s+\\(?(" + o + ")\\)?",
                        "[Tt]he correct answer is option:?\\s+\\(?(" + o + ")\\)?",
                        "[Tt]he correct answer is:?.*?boxed\\{(" + o + ")\\}",
                        "[Tt]he correct option is:?.*?boxed\\{(" + o + ")\\}",
                        "[Tt]he correct answer option is:?.*?boxed\\{(" + o + ")\\}",
                        "[Tt]he answer to the question is:?\\s+\\(?(" + o + ")\\)?",
                        "^选项\\s?(" + o + ")",
                        "^(" + o + ")\\s?选?项",
                        "(\\s|^)" + o + "[\\s。，,：:\\.$]",
                        "1.\\s?(.*?)$",
                        "1.\\s?(" + o + ")[.。$]?$",
                        "(" + o + "):",
                        "(" + o + ")");
        return p.stream().map(s -> PyText.regex(s, Pattern.DOTALL)).toList();
    }
}
