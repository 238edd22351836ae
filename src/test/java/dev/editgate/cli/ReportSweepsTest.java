package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.engine.Constants;
import dev.editgate.engine.EditGateEngine;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code editgate report} over a finished matrix run redraws its sweep files from {@code
 * results.jsonl} alone (each expanded scenario's matrix origin), byte for byte, and with {@code
 * --allure} writes one Allure result per sweep carrying the same files as attachments.
 */
class ReportSweepsTest {
    static final Path SUITE = Path.of("src/test/resources/dev/editgate/engine/matrix/sweep.yaml");

    @TempDir Path dir;

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void reportRedrawsTheRunsSweepsFromItsRecords() throws IOException {
        Path reports = dir.resolve("reports");
        EngineTestKit.engine(new EditGateEngine())
                .configurationParameter(Constants.REPORTS_DIR, reports.toString())
                .configurationParameter(Constants.BASELINES_DIR, dir.resolve("base").toString())
                .configurationParameter(Constants.SUITES_ROOT, SUITE.getParent().toString())
                .configurationParameter(Constants.RUN_ID, "r")
                .selectors(selectFile(SUITE.toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(10).failed(2));
        List<ResultRecord> records = ResultStore.read(reports.resolve("r/results.jsonl"));
        ResultRecord bs4 =
                records.stream()
                        .filter(r -> r.scenario().equals("shrink-f0.9-bs4"))
                        .findFirst()
                        .orElseThrow();
        assertThat(bs4.matrix().base()).isEqualTo("shrink");
        assertThat(bs4.matrix().values())
                .containsExactly(Map.entry("factor", "0.9"), Map.entry("batch_size", "4"));
        assertThat(bs4.matrix().labels())
                .containsExactly(Map.entry("factor", "f0.9"), Map.entry("batch_size", "bs4"));
        assertThat(records.stream().filter(r -> r.scenario().equals("plain")))
                .isNotEmpty()
                .allMatch(r -> r.matrix() == null);
        assertThat(Files.readAllLines(reports.resolve("r/results.jsonl"), StandardCharsets.UTF_8))
                .filteredOn(l -> l.contains("\"plain\""))
                .noneMatch(l -> l.contains("\"matrix\""));

        Path sweeps = reports.resolve("r/sweeps");
        Map<String, String> drawn = files(sweeps);
        assertThat(drawn.keySet())
                .containsExactly(
                        "sweep/shrink/drift.svg",
                        "sweep/shrink/emb-norm.svg",
                        "sweep/shrink/results.csv",
                        "sweep/shrink/tables.md");
        delete(sweeps);

        Path allure = dir.resolve("allure");
        assertThat(
                        Main.run(
                                "report",
                                "r",
                                "--reports",
                                reports.toString(),
                                "--allure",
                                allure.toString()))
                .isEqualTo(1); // the run has failed gates
        assertThat(files(sweeps)).isEqualTo(drawn);

        // one Allure result for the sweep, failed (factor 0.9 breaks the gate), with its files
        ObjectMapper json = new ObjectMapper();
        List<Path> results;
        try (Stream<Path> s = Files.list(allure)) {
            results = s.filter(p -> p.toString().endsWith("-result.json")).toList();
        }
        assertThat(results).hasSize(1);
        JsonNode result = json.readTree(results.get(0).toFile());
        assertThat(result.get("name").asText())
                .isEqualTo("sweep sweep/shrink by factor, batch_size");
        assertThat(result.get("status").asText()).isEqualTo("failed");
        Map<String, String> attached = new TreeMap<>();
        for (JsonNode a : result.get("attachments")) {
            attached.put(
                    "sweep/shrink/" + a.get("name").asText(),
                    Files.readString(allure.resolve(a.get("source").asText())));
        }
        assertThat(attached).isEqualTo(drawn);
    }
}
