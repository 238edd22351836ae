package dev.editgate.bench.math;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathTest {

    @ParameterizedTest(name = "extract [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                "so $x = \\boxed{5}$.|5",
                "first \\boxed{1} then \\boxed{\\frac{1}{2}}|\\frac{1}{2}",
                "nested \\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}.|\\left( 3, \\frac{\\pi}{2} \\right)",
                "Final Answer: The final answer is $24$. I hope it is correct.|24",
                "The final answer is 7.|7",
                "\\fbox{42}|42",
                "\\boxed 9$ done|9",
                "cut off \\boxed{\\frac{1|''",
                "no answer in sight|''",
                "The final answer is $\\$3.50$. I hope|\\$3.50",
            })
    void extractsTheFinalAnswer(String output, String expected) {
        assertThat(MathAnswers.extract(output)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] ~ [{1}] is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\\dfrac{1}{2}|\\frac12|true",
                "0.5|\\frac{1}{2}|true",
                "1/2|\\frac{1}{2}|true",
                "\\left( 3, \\frac{\\pi}{2} \\right)|(3,\\frac{\\pi}{2})|true",
                "x = 5|5|true",
                "90^\\circ|90|true",
                "10\\%|10|true",
                "\\sqrt2|\\sqrt{2}|true",
                ".5|0.5|true",
                "5 \\text{ cm}|5|true",
                "3|4|false",
                "\\frac{1}{3}|\\frac{1}{2}|false",
                "\\sqrt|\\sqrt|true",
                "\\frac{2}{3}|\\frac23|true",
            })
    void equivalenceFollowsStripString(String a, String b, boolean equal) {
        assertThat(MathEquivalence.isEquiv(a, b)).isEqualTo(equal);
    }

    @Test
    void readsMath500AndBuildsTheFourShotPrompt() {
        Path file = Shared.require("data/math500/test.jsonl");
        MathBenchmark b =
                (MathBenchmark)
                        new MathProvider().create(Map.of("dataset", file.toString()), Path.of("."));
        assertThat(b.items()).hasSize(500);
        GenItem first = b.items().get(0);
        assertThat(first.reference()).isEqualTo("\\left( 3, \\frac{\\pi}{2} \\right)");
        assertThat(first.prompt())
                .startsWith(
                        "Problem:\nFind the domain of the expression "
                                + "$\\frac{\\sqrt{x-2}}{\\sqrt{5-x}}$.}\nSolution:\nThe expressions inside each square root");
        assertThat(first.prompt())
                .contains("I hope it is correct.\n\nProblem:\nIf $\\det \\mathbf{A} = 2$");
        assertThat(first.prompt())
                .endsWith(
                        "I hope it is correct.\n\nProblem:\nConvert the point $(0,3)$ in rectangular"
                                + " coordinates to polar coordinates.  Enter your answer in the form $(r,\\theta),$ where $r > 0$ and"
                                + " $0 \\le \\theta < 2 \\pi.$\nSolution:\n");
        assertThat(first.prompt().split("\nFinal Answer: ", -1)).hasSize(5);
        // the reference solution, run through extraction, is judged correct
        assertThat(
                        b.judge(
                                b.extract("We get \\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}."),
                                first))
                .isEqualTo(1.0);
    }

    @Test
    void readsOriginalMathWithSolutionsOnly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("algebra.json");
        Files.writeString(
                f,
                "[{\"problem\": \"1+1?\", \"level\": \"Level 1\", \"type\": \"Algebra\","
                        + " \"solution\": \"Clearly $1+1=\\\\boxed{2}$.\"}]");
        MathBenchmark b =
                (MathBenchmark)
                        new MathProvider().create(Map.of("dataset", f.toString(), "shots", 0), dir);
        assertThat(b.items())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.reference()).isEqualTo("2");
                            assertThat(i.prompt()).isEqualTo("Problem:\n1+1?\nSolution:\n");
                        });
        var score = b.scoreOutputs(List.of("So $\\boxed{2}$"));
        assertThat(score.value()).isEqualTo(1.0);
    }
}
