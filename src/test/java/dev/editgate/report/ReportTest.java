package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.scenario.Thresholds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir Path dir;

    static ResultRecord record(
            String scenario, int edits, String capability, double value, boolean pass) {
        return new ResultRecord(
                "run",
                "demo",
                scenario,
                "rome",
                "h1",
                "m1",
                edits,
                capability,
                "perplexity",
                "ppl",
                value,
                10.0,
                false,
                Map.of("max_ratio_to_baseline", 1.1),
                pass ? "pass" : "fail",
                pass ? null : capability + " failed",
                1.5,
                "2026-01-01T00:00:00Z");
    }

    @Test
    void storeAppendsWholeLinesAndReadsThemBack() throws IOException {
        Path file = dir.resolve("r/results.jsonl");
        try (ResultStore store = ResultStore.open(file)) {
            store.append(record("a", 1, "lm", 10.5, true));
            store.append(record("a", 10, "lm", 12.5, false));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("{\"run_id\":\"run\",\"suite\":\"demo\"")
                .contains("\"edits_applied\":1", "\"verdict\":\"pass\"", "\"baseline\":10.0");
        Files.writeString(
                file, lines.get(0) + "\n" + lines.get(1).substring(0, 30), StandardCharsets.UTF_8);
        try (ResultStore store = ResultStore.open(file)) {
            assertThat(store.records()).hasSize(1);
            store.append(record("a", 10, "lm", 12.5, false));
        }
        assertThat(ResultStore.read(file))
                .extracting(ResultRecord::editsApplied)
                .containsExactly(1, 10);
    }

    @Test
    void notANumberSurvivesTheRoundTrip() {
        Path file = dir.resolve("nan.jsonl");
        ResultRecord r = record("a", 1, "reliability", Double.NaN, false);
        try (ResultStore store = ResultStore.open(file)) {
            store.append(r);
        }
        assertThat(ResultStore.read(file))
                .singleElement()
                .satisfies(x -> assertThat(x.value()).isNaN());
    }

    @Test
    void summaryTableHasBaselinesAndMarksFailures() {
        String table =
                SummaryTable.render(
                        List.of(
                                record("rome-l2", 1, "lm", 10.5, true),
                                record("rome-l2", 10, "lm", 12.5, false),
                                record("grace", 1, "lm", 10.0, true)));
        assertThat(table)
                .isEqualTo(
                        String.join(
                                "\n",
                                "suite demo",
                                "scenario    edits  lm",
                                "(baseline)  0      10",
                                "grace       1      10",
                                "rome-l2     1      10.5",
                                "rome-l2     10     12.5 ✗",
                                "3 measurements, 1 failed"));
    }

    @Test
    void chartDrawsSeriesBaselineAndThreshold() {
        ScoreChart chart =
                new ScoreChart(
                        "lm",
                        List.of(
                                record("a", 10, "lm", 12.5, false),
                                record("a", 1, "lm", 10.5, true)),
                        new Thresholds(null, null, null, 1.1, null));
        String svg = chart.svg();
        assertThat(svg)
                .startsWith("<svg")
                .endsWith("</svg>\n")
                .contains("baseline 10", "max 11", "<polyline", "#d62728");
        assertThat(svg.split("<circle", -1)).hasSize(3);
        assertThat(chart.csv())
                .isEqualTo(
                        "edits,value,baseline,lower_bound,upper_bound,verdict\n"
                                + "1,10.5,10.0,,11.0,pass\n10,12.5,10.0,,11.0,fail\n");
    }
}
