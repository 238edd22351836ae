package dev.editgate.bench.bbh;

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
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.*?)\\*\\*");

    private BbhAnswers() {}

    static boolean isMultipleChoice(String task) {
        return MULTIPLE_CHOICE.contains(task);
    }

    /** Text after the first "answer is " (the whole text when there is none). */
    private static String afterAnswerIs(String text) {
        int i = text.indexOf("answer is ");
        return i < 0 ? text : text.substring(i + "answer is ".length()).strip();
    }

    /** The option letter: "(X)" first, else the first capital; the text itself when neither. */
    static String multipleChoice(String text) {
        String ans = afterAnswerIs(text);
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

    /** The first line after "answer is ", without a final period, unbolded. */
    static String freeForm(String text) {
        String ans = afterAnswerIs(text);
        int nl = ans.indexOf('\n');
        ans = (nl < 0 ? ans : ans.substring(0, nl)).strip();
        if (ans.endsWith(".")) {
            ans = ans.substring(0, ans.length() - 1).strip();
        }
        Matcher m = BOLD.matcher(ans);
        return m.find() ? m.group(1) : ans;
    }
}
