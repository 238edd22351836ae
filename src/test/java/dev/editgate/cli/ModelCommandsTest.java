package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.testing.Shared;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** generate and perplexity through the command line, on stories260k. */
class ModelCommandsTest {

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generatePrintsOnlyTheGeneratedText() {
        String model = Shared.stories260k().toString();
        String out = run("generate", "--model", model, "--max-new-tokens", "15", "--device", "cpu");
        assertThat(out.strip()).isEqualTo("Once upon a time, there was a little girl named Lily.");
        String stopped = run("generate", "--model", model, "--max-new-tokens", "30", "--stop", ",");
        assertThat(stopped.strip()).isEqualTo("Once upon a time");
    }

    @Test
    void perplexityOfAFile() {
        String model = Shared.stories260k().toString();
        String file = Shared.require("data/tinystories_valid/valid-sample.txt").toString();
        String out =
                run(
                        "perplexity",
                        "--model",
                        model,
                        "--text-file",
                        file,
                        "--window",
                        "512",
                        "--stride",
                        "512");
        assertThat(out).startsWith("perplexity ");
        double ppl = Double.parseDouble(out.split(" ")[1]);
        assertThat(ppl).isBetween(2.0, 30.0);
    }
}
