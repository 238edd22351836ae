package dev.editgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.cli.Main;
import dev.editgate.testing.Shared;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code editgate bench scoring} on stories260k: both scoring paths agree and a RESULT line ends
 * the output.
 */
class BenchScoringCommandTest {

    @Test
    void printsItemsPerSecondOfBothPathsAndAResultLine() {
        Path model = Shared.require("models/stories260k");
        Path mmlu = Shared.require("data/mmlu");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code =
                    Main.run(
                            "bench",
                            "scoring",
                            "--model",
                            model.toString(),
                            "--dataset",
                            mmlu.toString(),
                            "--items",
                            "3",
                            "--batch",
                            "2");
        } finally {
            System.setOut(old);
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(code).isZero();
        String result = lines.get(lines.size() - 1);
        assertThat(result)
                .startsWith("RESULT items=3 ")
                .contains("plain_items_per_s=")
                .contains("shared_items_per_s=")
                .contains("speedup=")
                .contains("agree=3");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("plain  (4 sequences per question):"));
    }
}
