package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.ItemRecord;
import dev.editgate.report.ItemRecords;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.report.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code editgate report --compare A,B}: two scenarios of a run paired item by item. */
class ReportCompareTest {
    @TempDir Path dir;

    private static List<ItemRecord> answers(String rightWrong) {
        List<ItemRecord> out = new ArrayList<>();
        for (int i = 0; i < rightWrong.length(); i++) {
            boolean ok = rightWrong.charAt(i) == '1';
            out.add(new ItemRecord("q" + i, "Q" + i, ok ? "A" : "B", "A", ok, ok ? 1 : 0));
        }
        return out;
    }

    private static ResultRecord record(String scenario, int edits, String capability, double v) {
        return new ResultRecord(
                "r1",
                "s",
                scenario,
                scenario,
                "h",
                "m",
                edits,
                capability,
                capability,
                "accuracy",
                v,
                null,
                true,
                Map.of(),
                "pass",
                null,
                1.0,
                "2026-12-03T00:00:00Z",
                null,
                null,
                null);
    }

    /**
     * alpha at 10, 20, 30 edits (sst2 too at 10); memit at 10 and 20 (its locality items at 20
     * missing).
     */
    private void run() {
        RunDirectory r = new RunDirectory(dir.resolve("reports/r1"));
        String[][] mmlu = { // alpha, memit: 8 right in alpha only, 1 in memit only
            {"11111111111110000000", "00000000111111000000"},
            {"11110000000000000000", "11110000000000000000"}
        };
        try (ResultStore store = ResultStore.open(r.results())) {
            int[] checkpoints = {10, 20};
            for (int c = 0; c < 2; c++) {
                int n = checkpoints[c];
                for (int s = 0; s < 2; s++) {
                    String scenario = s == 0 ? "alpha" : "memit";
                    List<ItemRecord> m = answers(mmlu[c][s]);
                    store.append(record(scenario, n, "mmlu", mean(m)));
                    ItemRecords.save(r.items("s", scenario, n, "mmlu"), m);
                    List<ItemRecord> loc = answers(s == 0 ? "1101" : "1001");
                    store.append(record(scenario, n, "locality", mean(loc)));
                    if (!(s == 1 && n == 20)) {
                        ItemRecords.save(r.items("s", scenario, n, "locality"), loc);
                    }
                }
            }
            store.append(record("alpha", 30, "mmlu", 0.5));
            store.append(record("alpha", 10, "sst2", 0.5));
            store.append(record("grace", 10, "mmlu", 0.5));
        }
    }

    private static double mean(List<ItemRecord> items) {
        return items.stream().mapToDouble(ItemRecord::score).average().orElseThrow();
    }

    private String[] reports(String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of("report", "r1", "--reports", dir.resolve("reports").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String capture(int exit, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(to);
        System.setErr(to);
        try {
            assertThat(Main.run(args)).isEqualTo(exit);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommonCheckpointAndCapabilityGetsARow() throws IOException {
        run();
        List<String> lines = capture(0, reports("--compare", "alpha,memit")).lines().toList();
        assertThat(lines.get(0))
                .startsWith("run r1: alpha (A) vs memit (B), paired by item id; 95% paired")
                .contains("(10000 replicates, seed 1)");
        assertThat(lines.get(1).split("\\s{2,}"))
                .containsExactly(
                        "edits",
                        "capability",
                        "metric",
                        "n",
                        "alpha",
                        "memit",
                        "A − B",
                        "95% CI",
                        "p",
                        "test",
                        "A✓ B✗",
                        "A✗ B✓",
                        "better");
        assertThat(lines.get(2).split("\\s{2,}"))
                .startsWith("10", "mmlu", "accuracy", "20", "0.65", "0.3", "+0.35")
                .endsWith("0.039", "exact McNemar", "8", "1", "alpha"); // 2·10/512
        assertThat(lines.get(3).split("\\s{2,}"))
                .startsWith("10", "locality", "accuracy", "4", "0.75", "0.5", "+0.25")
                .endsWith("1", "exact McNemar", "1", "0", "no difference at 95%");
        assertThat(lines.get(4).split("\\s{2,}"))
                .endsWith("1", "exact McNemar", "0", "0", "no difference at 95%");
        assertThat(lines.get(5).split("\\s{2,}"))
                .containsExactly(
                        "20",
                        "locality",
                        "accuracy",
                        "—",
                        "0.75",
                        "0.5",
                        "+0.25",
                        "—",
                        "—",
                        "—",
                        "—",
                        "—",
                        "not paired");
        assertThat(lines.subList(6, lines.size()))
                .containsExactly(
                        "alpha better on 1 rows, memit on 0, no difference at 95% on 2, not paired"
                                + " on 1 (of 4; each row is its own test: no correction for"
                                + " multiple comparisons)",
                        "notes:",
                        "  checkpoints measured by alpha only, not compared: 30",
                        "  10 edits: measured by alpha only, not compared: sst2",
                        "  20 locality: no item records of memit at 20 edits: not paired");
        assertThat(Files.list(dir.resolve("reports/r1")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("results.jsonl", "items"); // writes nothing
    }

    @Test
    void oneCheckpointAsMarkdownWithTheBootstrapSettingsOfTheVerdicts() throws IOException {
        run();
        System.setProperty("editgate.bootstrap.seed", "5");
        String out;
        try {
            out =
                    capture(
                            0,
                            reports(
                                    "--compare",
                                    "alpha,memit",
                                    "--edits",
                                    "10",
                                    "--markdown",
                                    "--confidence",
                                    "0.9"));
        } finally {
            System.clearProperty("editgate.bootstrap.seed");
        }
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0))
                .contains("90% paired percentile bootstrap (10000 replicates, seed 5)");
        assertThat(lines.get(1)).startsWith("| edits | capability |").endsWith("| better |");
        assertThat(lines.get(2)).isEqualTo("|" + " --- |".repeat(13));
        assertThat(lines.get(3)).startsWith("| 10 | mmlu | accuracy | 20 | 0.65 | 0.3 | +0.35 | [");
        assertThat(lines).hasSize(11).noneMatch(l -> l.startsWith("| 20 "));
        assertThat(lines.subList(7, 11))
                .containsExactly(
                        "", "Notes:", "", "- 10 edits: measured by alpha only, not compared: sst2");
        assertThat(lines.get(6))
                .startsWith("alpha better on 1 rows, memit on 0, no difference at 90% on 1");
    }

    @Test
    void badInputSaysWhatIsAcceptedAndExitsTwo() throws IOException {
        run();
        assertThat(capture(2, reports("--compare", "alpha,rome")))
                .contains("scenario rome is not in run r1 (suite s); it holds alpha, memit, grace");
        assertThat(capture(2, reports("--compare", "alpha,memit", "--suite", "t")))
                .contains("suite t is not in run r1; it holds [s]");
        assertThat(capture(2, reports("--compare", "alpha,memit", "--edits", "30")))
                .contains("--edits 30: alpha and memit of suite s were both measured at [10, 20]");
        assertThat(capture(2, reports("--compare", "alpha,grace")))
                .contains(
                        "scenario grace of suite s has no item records",
                        "with records: alpha, memit");
        assertThat(capture(2, reports("--compare", "alpha"))).contains("two scenario ids, A,B");
        assertThat(capture(2, reports("--compare", "alpha,memit", "--confidence", "1.5")))
                .contains("--confidence must lie in (0, 1), got 1.5");
        System.setProperty("editgate.bootstrap.replicates", "10");
        try {
            assertThat(capture(2, reports("--compare", "alpha,memit")))
                    .contains("-Deditgate.bootstrap.replicates", "at least 100, got 10");
        } finally {
            System.clearProperty("editgate.bootstrap.replicates");
        }
        assertThat(capture(2, reports("--compare", "alpha,alpha"))).contains("two different");
        assertThat(
                        capture(
                                2,
                                "report",
                                "nope",
                                "--reports",
                                dir.resolve("reports").toString(),
                                "--compare",
                                "alpha,memit"))
                .contains("no results");
    }
}
