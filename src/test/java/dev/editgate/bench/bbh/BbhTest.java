package dev.editgate.bench.bbh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void promptsEqualOpenCompassRendering() {
        Path root = Shared.require("data/bbh");
        for (String task : List.of("date_understanding", "object_counting")) {
            BbhBenchmark b =
                    (BbhBenchmark)
                            new BbhProvider()
                                    .create(
                                            Map.of("dataset", root.toString(), "tasks", task),
                                            Path.of("."));
            assertThat(b.items().get(0).prompt())
                    .isEqualTo(OpenCompassExpected.prompt("bbh-" + task).get("prompt").asText());
        }
    }

    @Test
    void scoresTheMeanOverTasksAndKeepsTheMicroMean() {
        List<GenItem> items =
                List.of(
                        new GenItem("snarks/0", "p", "A").inGroup("snarks"),
                        new GenItem("navigate/0", "p", "No").inGroup("navigate"),
                        new GenItem("navigate/1", "p", "Yes").inGroup("navigate"),
                        new GenItem("word_sorting/3", "p", "a b c").inGroup("word_sorting"));
        BbhBenchmark b = new BbhBenchmark(items, 8, 2, Protocol.STUDY);
        var score =
                b.scoreOutputs(
                        List.of(
                                "So the answer is (A).",
                                "So the answer is No.",
                                "So the answer is No.",
                                "So the answer is a b."));
        assertThat(score.items())
                .extracting(r -> r.prediction())
                .containsExactly("A", "No", "No", "a b");
        assertThat(score.items()).extracting(r -> r.group()).contains("navigate");
        assertThat(score.value()).isEqualTo((1 + 0.5 + 0) / 3);
        assertThat(score.micro()).isEqualTo(2.0 / 4);
        assertThat(score.groupMeans().get("navigate")).isEqualTo(0.5);
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
