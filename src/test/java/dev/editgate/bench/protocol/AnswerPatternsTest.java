package dev.editgate.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerPatternsTest {

    @ParameterizedTest(name = "first capital of [{0}] is [{1}]")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                " B|B",
                " b. because C is wrong|C",
                "the answer is (D)|D",
                "AB|A",
                "no letters at all|",
                "''|",
                " 42\\nE|E",
                " éÉ|É",
            })
    void firstCapital(String output, String expected) {
        String in = output.equals("''") ? "" : output.replace("\\n", "\n");
        assertThat(AnswerPatterns.firstCapital(in)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "first option of [{0}] is [{1}]")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                " A|A",
                " B. No|B",
                "The answer is B.|B",
                "the correct answer is option (A)|A",
                "Answer: B|B",
                "答案是 A|A",
                "I think A, not B|A",
                "Because of this, B|B",
                "Anyway (B)|B",
                "Both|B",
                "none here|",
                "ABBA|A",
            })
    void firstOptionAB(String output, String expected) {
        assertThat(AnswerPatterns.firstOption(output, "AB"))
                .isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "stop strings cut [{0}]")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                "abc[DONE]def|abc",
                "abc\\n\\nQ: next|abc",
                "no stop|no stop",
            })
    void cutAtStop(String text, String expected) {
        assertThat(
                        GreedyGeneration.cutAtStop(
                                text.replace("\\n", "\n"), java.util.List.of("[DONE]", "\n\n")))
                .isEqualTo(expected);
    }
}
