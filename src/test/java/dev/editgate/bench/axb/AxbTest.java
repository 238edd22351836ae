package dev.editgate.bench.axb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.protocol.LetterAnswerBenchmark;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AxbTest {

    @Test
    void readsTheSharedFileAndBuildsTheZeroShotPrompt() {
        Path file = Shared.require("data/superglue_axb/AX-b.jsonl");
        LetterAnswerBenchmark b =
                (LetterAnswerBenchmark)
                        new AxbProvider().create(Map.of("dataset", file.toString()), Path.of("."));
        assertThat(b.items()).hasSize(1104);
        assertThat(b.items().stream().filter(i -> i.reference().equals("A")).count())
                .isEqualTo(460);
        assertThat(b.items().get(0).prompt())
                .isEqualTo(
                        "The cat sat on the mat.\nThe cat did not sit on the mat.\n"
                                + "Is the sentence below entailed by the sentence above?\nA. Yes\nB. No\nAnswer:");
        assertThat(b.items().get(0).reference()).isEqualTo("B");
        assertThat(b.items().get(0).prompt())
                .isEqualTo(OpenCompassExpected.prompt("axb").get("prompt").asText());
        assertThat(b.maxNewTokens()).isEqualTo(100);
    }

    @Test
    void readsHuggingFaceIntegerLabelsAndRejectsOthers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("axb.jsonl");
        Files.writeString(
                f,
                "{\"idx\":0,\"sentence1\":\"a\",\"sentence2\":\"b\",\"label\":0}\n"
                        + "{\"idx\":1,\"sentence1\":\"a\",\"sentence2\":\"b\",\"label\":1}\n");
        LetterAnswerBenchmark b =
                (LetterAnswerBenchmark)
                        new AxbProvider().create(Map.of("dataset", f.toString()), dir);
        assertThat(b.items()).extracting(i -> i.reference()).containsExactly("A", "B");
        Files.writeString(f, "{\"sentence1\":\"a\",\"sentence2\":\"b\",\"label\":\"maybe\"}\n");
        assertThatThrownBy(() -> new AxbProvider().create(Map.of("dataset", "axb.jsonl"), dir))
                .hasMessageContaining("axb.jsonl:1:")
                .hasMessageContaining("'maybe'");
    }

    @Test
    void firstOptionExtractionOnOutputs() {
        LetterAnswerBenchmark b =
                (LetterAnswerBenchmark)
                        new AxbProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                Shared.require("data/superglue_axb/AX-b.jsonl")
                                                        .toString(),
                                                "limit",
                                                3),
                                        Path.of("."));
        var score = b.scoreOutputs(List.of(" B", " Yes, A.", " I am not sure"));
        assertThat(score.items()).extracting(r -> r.prediction()).containsExactly("B", "A", "");
        assertThat(score.value()).isBetween(0.0, 1.0);
        assertThat(score.value())
                .isEqualTo(score.items().stream().filter(r -> r.correct()).count() / 3.0);
    }
}
