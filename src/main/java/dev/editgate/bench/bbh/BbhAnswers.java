package dev.editgate.bench.bbh;

import dev.editgate.bench.protocol.PyText;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenCompass' BBH post-processing ({@code bbh_mcq_postprocess}, {@code bbh_freeform_postprocess}).
 */
final class BbhAnswers {
    /** Tasks whose answers are option letters; the other ten are free-form. */
    static final List<String> MULTIPLE_CHOICE =
            List.of(
                    "temporal_sequences",
                    "disambiguation_qa",
                    "date_understanding",
                    "tracking_shuffled_objects_three_objects",
                    "penguins_in_a_table",
                    "geometric_shapes",
                    "snarks",
                    "ruin_names",
                    "tracking_shuffled_objects_seven_objects",
                    "tracking_shuffled_objects_five_objects",
                    "logical_deduction_three_objects",
                    "hyperbaton",
                    "logical_deduction_five_objects",
                    "logical_deduction_seven_objects",
                    "movie_recommendation",
                    "salient_translation_error_detection",
                    "reasoning_about_colored_objects");

    static final List<String> FREE_FORM =
            List.of(
                    "multistep_arithmetic_two",
                    "navigate",
                    "dyck_languages",
                    "word_sorting",
                    "sports_understanding",
                    "boolean_expressions",
                    "object_counting",
                    "formal_fallacies",
                    "causal_judgement",
                    "web_of_lies");

    private static final Pattern PAREN_LETTER = Pattern.compile("\\(([A-Z])\\)*");
    private static final Pattern LETTER = Pattern.compile("([A-Z])");
    private static final Pattern HEAD_SPLIT =
            PyText.regex("answer is\\s*:?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOLD = PyText.regex("\\*\\*(.*?)\\*\\*", 0);
    private static final Pattern YES_NO =
            PyText.regex("^(yes|no)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern TRUE_FALSE =
            PyText.regex("^(true|false)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DIGIT_COMMA_DIGIT = PyText.regex("\\d\\s*,\\s*\\d", 0);
    private static final Pattern COMMA = PyText.regex("\\s*,\\s*", 0);
    private static final Pattern SPACES = PyText.regex("\\s+", 0);

    private BbhAnswers() {}

    static boolean isMultipleChoice(String task) {
        return MULTIPLE_CHOICE.contains(task);
    }

    /**
     * {@code text.split('answer is ')[1].strip()}: the text between the first and the second
     * "answer is ", or the whole text when there is none.
     */
    private static String segment(String text) {
        String s = PyText.piece(text, "answer is ", 1);
        return s == null ? text : PyText.strip(s);
    }

    /** {@code bbh_mcq_postprocess} (the same at the study's commit and at head). */
    static String multipleChoice(String text) {
        String ans = segment(text);
        Matcher m = PAREN_LETTER.matcher(ans);
        if (m.find()) {
            return m.group(1);
        }
        m = LETTER.matcher(ans);
        if (m.find()) {
            return m.group(1);
        }
        return ans;
    }

    /** {@code bbh_freeform_postprocess} at the study's commit. */
    static String freeForm(String text) {
        String ans = segment(text);
        ans = PyText.piece(ans, "\n", 0);
        return ans.endsWith(".") ? ans.substring(0, ans.length() - 1) : ans;
    }

    /** {@code bbh_freeform_postprocess} at head: last "answer is", bold, yes/no, commas. */
    static String freeFormHead(String text) {
        String ans = text;
        String[] parts = HEAD_SPLIT.split(text, -1);
        if (parts.length != 1) {
            ans = PyText.strip(parts[parts.length - 1]);
        }
        ans = PyText.strip(PyText.piece(ans, "\n", 0));
        if (ans.endsWith(".")) {
            ans = PyText.strip(ans.substring(0, ans.length() - 1));
        }
        Matcher m = BOLD.matcher(ans);
        if (m.find()) {
            ans = PyText.strip(m.group(1));
        }
        for (Pattern p : List.of(YES_NO, TRUE_FALSE)) {
            m = p.matcher(ans);
            if (m.find()) {
                String w = m.group(1);
                return w.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                        + w.substring(1).toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (!DIGIT_COMMA_DIGIT.matcher(ans).find()) {
            ans = COMMA.matcher(ans).replaceAll(" ");
        }
        return PyText.strip(SPACES.matcher(ans).replaceAll(" "));
    }

    /**
     * Whether no continuation of {@code text} can change {@link #multipleChoice} (head: {@code
     * head} rules for free-form), so generation may stop: the answer segment is closed by a second
     * "answer is ", or (multiple choice) holds a "(X", or (free form, study) has a complete first
     * line.
     */
    static boolean decided(String text, boolean mc, boolean head) {
        int first = text.indexOf("answer is ");
        if (first < 0) {
            return false;
        }
        if (mc) {
            String seg = PyText.piece(text, "answer is ", 1);
            return text.indexOf("answer is ", first + 1) >= 0 || PAREN_LETTER.matcher(seg).find();
        }
        if (head) {
            return false; // the last "answer is" counts: never settled before the end
        }
        if (text.indexOf("answer is ", first + 1) >= 0) {
            return true;
        }
        String seg = text.substring(first + "answer is ".length());
        String lead = PyText.strip(seg);
        return !lead.isEmpty() && seg.substring(seg.indexOf(lead.charAt(0))).contains("\n");
    }
}
