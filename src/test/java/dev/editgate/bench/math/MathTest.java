package dev.editgate.bench.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MathTest {

    @Test
    void verdictsEqualOpenCompassAtTheStudysCommitAndAtHead() {
        SoftAssertions soft = new SoftAssertions();
        for (Protocol p : Protocol.values()) {
            String tag = p == Protocol.HEAD ? "head" : "study";
            for (JsonNode r : OpenCompassExpected.rows(tag, "math")) {
                String out = r.get("output").asText();
                GenItem item = new GenItem("x", "", r.get("reference").asText());
                MathBenchmark b = new MathBenchmark(List.of(item), 512, 1, p);
                var rec = b.scoreOutputs(List.of(out)).items().get(0);
                soft.assertThat(rec.prediction())
                        .as("%s answer of %s", tag, out)
                        .isEqualTo(r.get("pred").asText());
                soft.assertThat(rec.correct())
                        .as("%s verdict of %s against %s", tag, out, r.get("reference"))
                        .isEqualTo(r.get("correct").asBoolean());
                for (int k = 1; k < out.length() && p == Protocol.STUDY; k++) {
                    if (MathAnswers.decided(out.substring(0, k))) {
                        soft.assertThat(b.extract(out.substring(0, k)))
                                .as("settled after %d chars of %s", k, out)
                                .isEqualTo(rec.prediction());
                        break;
                    }
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void promptEqualsOpenCompassRendering() {
        Path file = Shared.require("data/math500/test.jsonl");
        MathBenchmark b =
                (MathBenchmark)
                        new MathProvider().create(Map.of("dataset", file.toString()), Path.of("."));
        assertThat(b.items()).hasSize(500);
        GenItem first = b.items().get(0);
        assertThat(first.reference()).isEqualTo("\\left( 3, \\frac{\\pi}{2} \\right)");
        assertThat(first.prompt())
                .isEqualTo(OpenCompassExpected.prompt("math").get("prompt").asText())
                .contains("\\boxed{{24}}");
        assertThat(b.maxNewTokens()).isEqualTo(512);
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
