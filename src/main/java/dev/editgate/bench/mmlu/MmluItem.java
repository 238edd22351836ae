package dev.editgate.bench.mmlu;

import java.util.List;

/**
 * One MMLU question.
 *
 * @param id {@code <subject>/<split>/<row>}
 * @param subject file-name form, e.g. {@code abstract_algebra}
 * @param choices the four options
 * @param answer 0-based index of the correct option
 */
record MmluItem(String id, String subject, String question, List<String> choices, int answer) {
    static final String LETTERS = "ABCD";

    String answerLetter() {
        return String.valueOf(LETTERS.charAt(answer));
    }
}
