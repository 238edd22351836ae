package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.report.ResultStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code editgate bisect} on the fixture whose breaking edit is known (edit 7 of shrink, see
 * known.yaml) prints where its records went: bisect.json, the probes' lines in results.jsonl and
 * the search's Allure result file; its help says where they go.
 */
class BisectCommandTest {
    private static final String SUITE = "src/test/resources/dev/editgate/engine/bisect/known.yaml";

    @TempDir Path dir;
    private PrintStream stdout;
    private ByteArrayOutputStream captured;

    @BeforeEach
    void setUp() {
        System.setProperty("editgate.baselines.dir", dir.resolve("baselines").toString());
        stdout = System.out;
        captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(stdout);
        System.clearProperty("editgate.baselines.dir");
    }

    private String out() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsWhereTheSearchWasRecorded() throws IOException {
        Path reports = dir.resolve("reports");
        int code =
                Main.run(
                        "bisect",
                        SUITE,
                        "--scenario",
                        "shrink",
                        "--capability",
                        "emb-norm",
                        "--reports",
                        reports.toString(),
                        "--run-id",
                        "cb");

        assertThat(code).isZero();
        Path run = reports.resolve("cb");
        List<Path> allure;
        try (Stream<Path> s = Files.list(run.resolve("allure-results"))) {
            allure = s.filter(p -> p.toString().endsWith("-result.json")).toList();
        }
        assertThat(allure).hasSize(1);
        JsonNode result = new ObjectMapper().readTree(allure.get(0).toFile());
        assertThat(result.get("name").asText()).isEqualTo("bisect emb-norm in bisect-known/shrink");
        assertThat(ResultStore.read(run.resolve("results.jsonl"))).hasSize(4); // 12, 6, 9, 7
        assertThat(out())
                .contains(
                        "first failure after 7 edits",
                        "recorded in " + run.resolve("bisect.json") + "\n",
                        "results: "
                                + run.resolve("results.jsonl")
                                + " (4 lines appended, one per probe)\n",
                        "allure: " + allure.get(0) + "\n");
    }

    @Test
    void helpSaysWhereTheSearchIsRecorded() {
        assertThat(Main.run("bisect", "--help")).isZero();
        assertThat(out().replaceAll("\\s+", " "))
                .contains(
                        "bisect.json (the search)",
                        "results.jsonl (one line per probe",
                        "allure-results/<uuid>-result.json (the search as one Allure result",
                        "where <run-id>/ (bisect.json, results.jsonl, allure-results/) goes");
    }
}
