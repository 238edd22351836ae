package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.ItemRecord;
import dev.editgate.report.Flips;
import dev.editgate.report.ItemRecords;
import dev.editgate.report.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code editgate report --flips}: the items a capability flipped between two checkpoints. */
class ReportFlipsTest {
    @TempDir Path dir;

    private static List<ItemRecord> answers(String predictions) {
        List<ItemRecord> out = new ArrayList<>();
        String reference = "ABCDABCDAB";
        for (int i = 0; i < predictions.length(); i++) {
            String p = String.valueOf(predictions.charAt(i));
            boolean ok = p.equals(String.valueOf(reference.charAt(i)));
            out.add(
                    new ItemRecord(
                                    "q" + i,
                                    "Question " + i + "?\nAnswer:",
                                    p,
                                    String.valueOf(reference.charAt(i)),
                                    ok,
                                    ok ? 1 : 0)
                            .withGroup(i < 5 ? "geography" : "marketing"));
        }
        return out;
    }

    private Path run() throws IOException {
        Path run = dir.resolve("reports/r1");
        Files.createDirectories(run);
        Files.writeString(run.resolve("results.jsonl"), "");
        RunDirectory r = new RunDirectory(run);
        ItemRecords.save(r.baselineItems("s", "mmlu"), answers("ABCDABCDAA"));
        ItemRecords.save(r.items("s", "rome", 10, "mmlu"), answers("ABCCABCDAA"));
        ItemRecords.save(r.items("s", "rome", 20, "mmlu"), answers("ABCCAACDAB"));
        return run;
    }

    private static String capture(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheFlipsFromTheBaselineToTheLastCheckpoint() throws IOException {
        run();
        String out =
                capture(
                        "report",
                        "r1",
                        "--reports",
                        dir.resolve("reports").toString(),
                        "--flips",
                        "mmlu");
        assertThat(out.lines().toList())
                .containsExactly(
                        "mmlu, s/rome: 0 → 20 edits: 10 paired items",
                        "  2 right→wrong, 1 wrong→right; exact McNemar, one-sided p (more got"
                                + " wrong) = 0.5",
                        "  − q3 [geography]  D → C  (reference D)  Question 3?⏎Answer:",
                        "  − q5 [marketing]  B → A  (reference B)  Question 5?⏎Answer:",
                        "  + q9 [marketing]  A → B  (reference B)  Question 9?⏎Answer:");
    }

    @Test
    void checkpointsCanBeChosen() throws IOException {
        run();
        String out =
                capture(
                        "report",
                        "r1",
                        "--reports",
                        dir.resolve("reports").toString(),
                        "--flips",
                        "mmlu",
                        "--from",
                        "10",
                        "--to",
                        "20");
        assertThat(out)
                .startsWith("mmlu, s/rome: 10 → 20 edits: 10 paired items")
                .contains("1 right→wrong, 1 wrong→right", "− q5", "+ q9")
                .doesNotContain("q3");
    }

    @Test
    void anUnknownCapabilityExitsTwo() throws IOException {
        run();
        assertThat(
                        Main.run(
                                "report",
                                "r1",
                                "--reports",
                                dir.resolve("reports").toString(),
                                "--flips",
                                "bbh"))
                .isEqualTo(2);
    }

    @Test
    void scoresThatChangeWithoutAVerdictAreListedByChange() {
        List<ItemRecord> before =
                List.of(
                        new ItemRecord("doc0", "t", "3.1", "", true, 3.1),
                        new ItemRecord("doc1", "t", "2.0", "", true, 2.0));
        List<ItemRecord> after =
                List.of(
                        new ItemRecord("doc0", "t", "3.2", "", true, 3.2),
                        new ItemRecord("doc1", "t", "2.9", "", true, 2.9));
        Flips f = Flips.between(before, after);
        assertThat(f.flipped()).isEmpty();
        assertThat(f.changed()).extracting(c -> c.after().id()).containsExactly("doc1", "doc0");
        assertThat(f.pWorse()).isEqualTo(1);
    }
}
