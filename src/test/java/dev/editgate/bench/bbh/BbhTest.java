package dev.editgate.bench.bbh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BbhTest {

    @Test
    void readsAll27TasksAndTheirPrompts() {
        Path root = Shared.require("data/bbh");
        BbhBenchmark b =
                (BbhBenchmark)
                        new BbhProvider().create(Map.of("dataset", root.toString()), Path.of("."));
        assertThat(b.items()).hasSize(6511);
        assertThat(b.items().stream().map(i -> i.id().substring(0, i.id().indexOf('/'))).distinct())
                .hasSize(27);
        assertThat(BbhAnswers.MULTIPLE_CHOICE.size() + BbhAnswers.FREE_FORM.size()).isEqualTo(27);
        GenItem date =
                b.items().stream()
                        .filter(i -> i.id().equals("date_understanding/0"))
                        .findFirst()
                        .orElseThrow();
        assertThat(date.reference()).isEqualTo("B"); // "(B)" post-processed like predictions
        GenItem bool =
                b.items().stream()
                        .filter(i -> i.id().equals("boolean_expressions/0"))
                        .findFirst()
                        .orElseThrow();
        assertThat(bool.reference()).isIn("True", "False");
    }

    @Test
    void buildsTheCotPromptWithoutTheCanary() {
        Path root = Shared.require("data/bbh");
        BbhBenchmark b =
                (BbhBenchmark)
                        new BbhProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                root.toString(),
                                                "tasks",
                                                List.of("date_understanding"),
                                                "limit",
                                                1,
                                                "seed",
                                                0),
                                        Path.of("."));
        String p = b.items().get(0).prompt();
        assertThat(p)
                .startsWith(
                        "Follow the given examples and answer the question.\nInfer the date from context.\n\n"
                                + "Q: Today is Christmas Eve of 1937. What is the date 10 days ago in MM/DD/YYYY?\nOptions:\n(A) 12/14/2026\n");
        assertThat(p).doesNotContain("canary").doesNotContain("-----");
        assertThat(p).contains("So the answer is (D).\n\nQ: Tomorrow is 11/12/2019.");
        assertThat(p).endsWith("\nA: Let's think step by step.");
        assertThat(p.split("\nQ: ", -1))
                .hasSize(5); // three exemplars, the question (the first Q follows the description)
    }

    @ParameterizedTest(name = "mcq [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                "Step one. So the answer is (C).|C",
                "So the answer is C.|C",
                "the answer is (A) and not (B)|A",
                "(E) looks right|E",
                "no idea at all|no idea at all",
                "I think the answer is x|x",
            })
    void multipleChoicePostprocessing(String output, String expected) {
        assertThat(BbhAnswers.multipleChoice(output)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "free-form [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                "Let's see. So the answer is True.|True",
                "So the answer is **24**.|24",
                "So the answer is 7.\\nQ: next|7",
                "the answer is valid. More text|valid. More text",
                "no marker here|no marker here",
                "So the answer is ] ] }.|] ] }",
            })
    void freeFormPostprocessing(String output, String expected) {
        assertThat(BbhAnswers.freeForm(output.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void scoresMultipleChoiceAndFreeFormByTask() {
        List<GenItem> items =
                List.of(
                        new GenItem("snarks/0", "p", "A"),
                        new GenItem("navigate/0", "p", "No"),
                        new GenItem("word_sorting/3", "p", "a b c"));
        BbhBenchmark b = new BbhBenchmark(items, 8, 2, List.of());
        var score =
                b.scoreOutputs(
                        List.of(
                                "So the answer is (A).",
                                "So the answer is No.",
                                "So the answer is a b."));
        assertThat(score.items()).extracting(r -> r.prediction()).containsExactly("A", "No", "a b");
        assertThat(score.value()).isEqualTo(2.0 / 3);
    }

    @Test
    void rejectsUnknownTaskAndOtherShotCounts() {
        assertThatThrownBy(() -> new BbhProvider().validate(Map.of("tasks", "navigation")))
                .hasMessageContaining("'navigation'")
                .hasMessageContaining("navigate");
        assertThatThrownBy(() -> new BbhProvider().validate(Map.of("shots", 5)))
                .hasMessageContaining("exactly 3");
    }
}
