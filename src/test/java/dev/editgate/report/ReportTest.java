package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.Score;
import dev.editgate.scenario.Thresholds;
import io.qameta.allure.model.TestResult;
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
    void theSuiteDescriptionIsUnderTheSuiteNameAndTheAllureTestsDescription() {
        Path file = dir.resolve("d/results.jsonl");
        ResultRecord described = described(record("grace", 1, "lm", 10.0, true), "GRACE keeps lm");
        try (ResultStore store = ResultStore.open(file)) {
            store.append(described);
        }
        ResultRecord back = ResultStore.read(file).get(0);
        assertThat(back.suiteDescription()).isEqualTo("GRACE keeps lm");
        assertThat(SummaryTable.render(List.of(back)))
                .startsWith("suite demo\n  GRACE keeps lm\nscenario    edits  lm\n");

        TestResult test = new TestResult();
        AllureReport.describe(test, back);
        assertThat(test.getDescription()).isEqualTo("GRACE keeps lm");
        TestResult own = new TestResult().setDescription("its own");
        AllureReport.describe(own, back);
        assertThat(own.getDescription()).isEqualTo("its own");
        TestResult none = new TestResult();
        AllureReport.describe(none, record("grace", 1, "lm", 10.0, true));
        assertThat(none.getDescription()).isNull();
    }

    private static ResultRecord described(ResultRecord r, String description) {
        return ResultRecord.of(
                new ResultRecord.Subject(
                        r.runId(),
                        r.suite(),
                        r.scenario(),
                        r.method(),
                        r.hparamsHash(),
                        r.modelHash(),
                        r.editsApplied(),
                        r.capability(),
                        r.benchmark(),
                        description),
                new Score(r.metric(), r.value(), r.higherIsBetter(), List.of()),
                r.baseline(),
                r.threshold(),
                r.message(),
                null,
                r.seconds());
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
                        "edits,value,ci_low,ci_high,baseline,baseline_ci_low,baseline_ci_high,"
                                + "lower_bound,upper_bound,verdict\n"
                                + "1,10.5,,,10.0,,,,11.0,pass\n10,12.5,,,10.0,,,,11.0,fail\n");
        assertThat(svg).doesNotContain("interval");
    }

    static ResultRecord withStatistics(
            ResultRecord r, List<Double> ci, List<Double> baselineCi, String note, String warning) {
        VerdictStatistics st =
                new VerdictStatistics(
                        30,
                        0.95,
                        ci,
                        baselineCi,
                        null,
                        Map.of("max_ratio_to_baseline", 0.012),
                        Map.of("max_ratio_to_baseline", "paired bootstrap"),
                        null,
                        Map.of("replicates", 10000L, "seed", 1L),
                        0.95,
                        null,
                        null,
                        note == null ? List.of() : List.of(note),
                        warning == null ? List.of() : List.of(warning));
        return new ResultRecord(
                r.runId(),
                r.suite(),
                r.scenario(),
                r.method(),
                r.hparamsHash(),
                r.modelHash(),
                r.editsApplied(),
                r.capability(),
                r.benchmark(),
                r.metric(),
                r.value(),
                r.baseline(),
                r.higherIsBetter(),
                r.threshold(),
                r.verdict(),
                r.message(),
                r.seconds(),
                r.timestamp(),
                st);
    }

    @Test
    void chartDrawsErrorBarsAndTheBaselineBand() {
        ScoreChart chart =
                new ScoreChart(
                        "lm",
                        List.of(
                                withStatistics(
                                        record("a", 1, "lm", 10.5, true),
                                        List.of(9.8, 11.1),
                                        List.of(9.5, 10.4),
                                        null,
                                        null),
                                withStatistics(
                                        record("a", 10, "lm", 12.5, false),
                                        List.of(11.9, 13.4),
                                        List.of(9.5, 10.4),
                                        null,
                                        null)),
                        new Thresholds(null, null, null, 1.1, null));
        String svg = chart.svg();
        assertThat(svg)
                .contains(
                        "<title>baseline interval 9.5–10.4</title>",
                        "<title>interval 9.8–11.1</title>",
                        "<title>interval 11.9–13.4</title>");
        assertThat(chart.csv())
                .contains(
                        "1,10.5,9.8,11.1,10.0,9.5,10.4,,11.0,pass\n",
                        "10,12.5,11.9,13.4,10.0,9.5,10.4,,11.0,fail\n");
    }

    @Test
    void summaryShowsIntervalsNoiseAndWarnings() {
        String table =
                SummaryTable.render(
                        List.of(
                                withStatistics(
                                        record("rome", 1, "lm", 10.5, true),
                                        List.of(9.812, 11.14),
                                        List.of(9.5, 10.4),
                                        "within noise at 95%: 10.5 > 1.1 × baseline 10 (...)",
                                        null),
                                withStatistics(
                                        record("rome", 10, "lm", 12.5, false),
                                        List.of(11.9, 13.4),
                                        List.of(9.5, 10.4),
                                        null,
                                        "too few items: max_ratio_to_baseline 1.1 needs 80 items")));
        assertThat(table)
                .isEqualTo(
                        String.join(
                                "\n",
                                "suite demo",
                                "scenario    edits  lm",
                                "(baseline)  0      10 [9.5, 10.4]",
                                "rome        1      10.5 [9.81, 11.1] ~",
                                "rome        10     12.5 [11.9, 13.4] ✗ !",
                                "2 measurements, 1 failed",
                                "[lo, hi]: confidence interval; ~ beyond a bound but within noise"
                                        + " (passed); ! too few items to detect the threshold"
                                        + " (min_items)",
                                "  ~ demo/rome/1/lm: within noise at 95%: 10.5 > 1.1 × baseline 10"
                                        + " (...)",
                                "  ! demo/rome/10/lm: too few items: max_ratio_to_baseline 1.1"
                                        + " needs 80 items"));
    }

    @Test
    void statisticsRoundTripThroughResultsAndBecomeAllureParameters() {
        Path file = dir.resolve("s/results.jsonl");
        ResultRecord r =
                withStatistics(
                        record("a", 10, "lm", 12.5, false),
                        List.of(11.9, 13.4),
                        List.of(9.5, 10.4),
                        "a note",
                        "a warning");
        try (ResultStore store = ResultStore.open(file)) {
            store.append(r);
        }
        ResultRecord back = ResultStore.read(file).get(0);
        assertThat(back).isEqualTo(r);
        assertThat(back.statistics().ci()).containsExactly(11.9, 13.4);
        assertThat(AllureReport.statistics(back))
                .allSatisfy(p -> assertThat(p.getExcluded()).isTrue())
                .extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly(
                        "value=12.5 [11.9–13.4] (95% CI)",
                        "baseline=10 [9.5–10.4] (95% CI)",
                        "p (max_ratio_to_baseline)=0.012, paired bootstrap",
                        "note=a note",
                        "warning=a warning");
        // a record of an older run has no statistics
        assertThat(record("a", 1, "lm", 1, true).statistics()).isNull();
    }
}
