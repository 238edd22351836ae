package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final String SUITES = "src/test/resources/dev/editgate/engine/suites/";

    @TempDir Path dir;
    private PrintStream stdout;
    private ByteArrayOutputStream captured;

    @BeforeEach
    void setUp() {
        System.setProperty("editgate.baselines.dir", dir.resolve("baselines").toString());
        System.setProperty("allure.results.directory", dir.resolve("allure").toString());
        stdout = System.out;
        captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        if (stdout != null) {
            System.setOut(stdout);
        }
        System.clearProperty("editgate.baselines.dir");
        System.clearProperty("allure.results.directory");
    }

    private String out() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runExitsNonZeroOnAFailedThresholdAndPrintsTheSummary() {
        int code =
                Main.run(
                        "run",
                        SUITES + "failing/decay.yaml",
                        "--reports",
                        dir.resolve("reports").toString(),
                        "--run-id",
                        "cli1");

        assertThat(code).isEqualTo(1);
        assertThat(out())
                .contains(
                        "/10 edits  decay/decay",
                        "FAIL decay/decay/10/emb-norm",
                        "decay       10     50.13 ✗",
                        "emb-norm after 10 scale-weight edits: 50.13 < 0.5 × baseline 143.8",
                        "3 tests: 2 passed, 1 failed");
        assertThat(dir.resolve("reports/cli1/results.jsonl")).exists();

        captured.reset();
        assertThat(Main.run("report", "cli1", "--reports", dir.resolve("reports").toString()))
                .isEqualTo(1);
        assertThat(out()).contains("run cli1", "decay       10     50.13 ✗");
    }

    @Test
    void runWithFilterAndTagsSelectsTests() {
        int code =
                Main.run(
                        "run",
                        SUITES + "passing",
                        "--reports",
                        dir.resolve("reports").toString(),
                        "--filter",
                        "shrink/10/",
                        "--tags",
                        "weight-norm & fixture");

        assertThat(code).isZero();
        assertThat(out()).contains("2 tests: 2 passed, 0 failed");
    }

    @Test
    void listPrintsTheTreeWithTagsAndUniqueIds() {
        assertThat(Main.run("list", SUITES + "passing/norms.yaml")).isZero();
        assertThat(out())
                .contains(
                        "norms  #fixture\n"
                                + "  the embedding norm shrinks by 1% per edit and stays above"
                                + " half its baseline\n"
                                + "  shrink (scale-weight)",
                        "norms/shrink after 5 edits",
                        "emb-norm after 5 scale-weight edits",
                        "[engine:editgate]/[suite:norms]/[scenario:shrink]/[checkpoint:5]"
                                + "/[capability:emb-norm]",
                        "6 tests");
    }

    @Test
    void listShowsTheProblemsOfInvalidSuites() {
        assertThat(Main.run("list", SUITES + "malformed/typo.yaml")).isZero();
        assertThat(out())
                .contains(
                        "typo.yaml (invalid suite)",
                        "typo.yaml:2:53: unknown key 'dtyp' in model (did you mean 'dtype'?",
                        "0 tests");
    }

    @Test
    void missingSuitePathIsAUsageError() {
        assertThat(Main.run("run", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    }

    @Test
    void anUnknownVerbIsAUsageErrorNamingTheVerb() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("frobnicate");
        } finally {
            System.setErr(stderr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown verb 'frobnicate'", "run, list", "Usage: editgate");
    }

    @Test
    void noVerbIsAUsageError() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run();
        } finally {
            System.setErr(stderr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no verb given", "Usage: editgate");
    }
}
