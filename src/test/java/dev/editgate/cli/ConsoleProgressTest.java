package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long now;
    private final ConsoleProgress progress =
            new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now);

    private String[] lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    @Test
    void slowScoringShowsItemsScoredAtMostEveryFiveSecondsAndEndsComplete() {
        progress.scoring("s/rome/10/mmlu");
        for (int done = 4; done <= 40; done += 4) {
            now += 2_000_000_000L; // 2 s a batch
            progress.itemsScored("s/rome/10/mmlu", done, 40);
        }

        assertThat(lines())
                .containsExactly(
                        "  scoring s/rome/10/mmlu ...",
                        "  [#######.................] 12/40 items  s/rome/10/mmlu",
                        "  [##############..........] 24/40 items  s/rome/10/mmlu",
                        "  [######################..] 36/40 items  s/rome/10/mmlu",
                        "  [########################] 40/40 items  s/rome/10/mmlu");
    }

    @Test
    void quickScoringPrintsNoItemLines() {
        progress.scoring("s/grace/1/lm");
        progress.itemsScored("s/grace/1/lm", 1, 3);
        progress.itemsScored("s/grace/1/lm", 2, 3);
        progress.itemsScored("s/grace/1/lm", 3, 3);

        assertThat(lines()).containsExactly("  scoring s/grace/1/lm ...");
    }

    @Test
    void editsBar() {
        progress.editsApplied("s/rome", 5, 10, 20);

        assertThat(lines())
                .containsExactly(
                        "  [######..................] 5/20 edits  s/rome (to checkpoint 10)");
    }
}
