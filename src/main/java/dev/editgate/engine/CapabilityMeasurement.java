package dev.editgate.engine;

import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.report.AllureReport;
import dev.editgate.report.GateVerdict;
import dev.editgate.report.ItemRecords;
import dev.editgate.report.MatrixOrigin;
import dev.editgate.report.MeasurementKey;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.SweepReport;
import dev.editgate.report.VerdictStatistics;
import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.Thresholds;
import dev.editgate.stats.Bootstrap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one capability at one checkpoint, compares it with its threshold, records it (results
 * file, report entry, Allure) and fails with a message naming capability, method, edit count,
 * value, baseline and threshold. A measurement the resumed run already holds is reported as it was.
 */
final class CapabilityMeasurement {
    private static final Logger LOG = LoggerFactory.getLogger(CapabilityMeasurement.class);

    private final EditGateExecutionContext context;
    private final CapabilityDescriptor test;
    private final CapabilitySpec capability;

    CapabilityMeasurement(EditGateExecutionContext context, CapabilityDescriptor test) {
        this.context = context;
        this.test = test;
        this.capability = test.capability;
    }

    void run() {
        MeasurementKey key = test.key(context);
        Optional<ResultRecord> recorded = context.run.recorded(key);
        ResultRecord record = recorded.orElseGet(this::measure);
        publish(record, recorded.isPresent());
        if (!record.passed()) {
            throw new AssertionFailedError(record.message());
        }
    }

    private ResultRecord measure() {
        int edits = test.checkpoint.edits();
        ScenarioRun scenario = context.scenario; // at this checkpoint: CheckpointDescriptor
        var benchmark = context.suite.benchmark(capability.id());
        ProgressListener progress = context.run.services.progress();
        progress.scoring(test.path());
        long start = System.nanoTime();
        // edits.individual: after-each-edit: the scores taken right after each batch
        Score score =
                scenario.rightAfterScore(capability.id())
                        .orElseGet(
                                () ->
                                        benchmark.evaluate(
                                                context.suite.model.model(),
                                                scenario.evalContext(
                                                        (done, total) ->
                                                                progress.itemsScored(
                                                                        test.path(),
                                                                        done,
                                                                        total))));
        double seconds = (System.nanoTime() - start) / 1e9;
        Judged judged =
                judge(
                        context.suite,
                        capability,
                        score,
                        edits,
                        test.scenario.method(),
                        context.run.config.bootstrap());
        Double base = judged.baseline();
        GateVerdict.Outcome verdict = judged.verdict();
        String message = judged.message();
        Thresholds t = capability.thresholds();
        ResultRecord record =
                ResultRecord.of(
                                test.subject(context),
                                score,
                                base,
                                t.asMap(),
                                message,
                                verdict.statistics(),
                                seconds)
                        .withMatrix(MatrixOrigin.of(test.scenario.matrix()));
        context.run.results.append(record);
        Path items =
                context.run
                        .config
                        .runDirectory()
                        .items(test.suite.id(), test.scenario.id(), edits, capability.id());
        try {
            ItemRecords.write(items, score.items());
        } catch (RuntimeException e) {
            LOG.warn("{}: item records not written: {}", test.path(), e.toString());
        }
        context.run
                .services
                .progress()
                .scored(test.path(), score.value(), record.passed(), seconds);
        return record;
    }

    /**
     * A score judged against its capability's threshold and the suite's baseline.
     *
     * @param baseline the unedited model's value, or null (none measured, or NaN as edit metrics
     *     score an unedited model)
     * @param message the failure message naming capability, edits and method, or null
     */
    record Judged(Double baseline, GateVerdict.Outcome verdict, String message) {
        boolean passed() {
            return message == null;
        }
    }

    /**
     * Judges {@code score} of {@code capability} after {@code edits} edits of {@code method}: the
     * checkpoint's measurement and each of bisect's probes.
     *
     * @throws IllegalStateException when the threshold needs a baseline the suite could not measure
     */
    static Judged judge(
            SuiteRun suite,
            CapabilitySpec capability,
            Score score,
            int edits,
            String method,
            Bootstrap bootstrap) {
        BaselineStore.Baseline baseline = suite.baseline(capability.id());
        Thresholds t = capability.thresholds();
        if (baseline == null && t.needsBaseline()) {
            throw new IllegalStateException(
                    capability.id()
                            + ": threshold "
                            + t.describe()
                            + " needs the unedited model's score, which could not be measured",
                    suite.baselineFailure(capability.id()));
        }
        // edit metrics score NaN on an unedited model: no baseline to compare with
        Double base = baseline == null || Double.isNaN(baseline.value()) ? null : baseline.value();
        GateVerdict.Outcome verdict =
                GateVerdict.judge(t, score, base, baselineItems(capability, baseline), bootstrap);
        List<String> violations = verdict.failures();
        String message =
                violations.isEmpty()
                        ? null
                        : capability.id()
                                + " after "
                                + edits
                                + " "
                                + method
                                + " edits: "
                                + String.join("; ", violations);
        return new Judged(base, verdict, message);
    }

    /** The baseline's item records, or null when the cache holds none or they cannot be read. */
    private static List<ItemRecord> baselineItems(
            CapabilitySpec capability, BaselineStore.Baseline baseline) {
        if (baseline == null || baseline.items() == null) {
            return null;
        }
        try {
            return ItemRecords.read(baseline.items());
        } catch (RuntimeException e) {
            LOG.warn("{}: baseline items not read: {}", capability.id(), e.toString());
            return null;
        }
    }

    private void publish(ResultRecord r, boolean fromResumedRun) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("metric", r.metric());
        entry.put("value", Thresholds.format(r.value()));
        entry.put("baseline", r.baseline() == null ? "-" : Thresholds.format(r.baseline()));
        entry.put("threshold", capability.thresholds().describe());
        entry.put("verdict", r.verdict());
        VerdictStatistics stats = r.statistics();
        if (stats != null) {
            if (stats.ci() != null) {
                entry.put(
                        Thresholds.percent(stats.level()) + " CI",
                        VerdictStatistics.range(stats.ci()));
            }
            stats.pValues()
                    .forEach((k, p) -> entry.put("p (" + k + ")", VerdictStatistics.formatP(p)));
            for (int i = 0; i < stats.notes().size(); i++) {
                entry.put("note " + (i + 1), stats.notes().get(i));
            }
            for (int i = 0; i < stats.warnings().size(); i++) {
                entry.put("warning " + (i + 1), stats.warnings().get(i));
                if (!fromResumedRun) {
                    LOG.warn("{}: {}", test.path(), stats.warnings().get(i));
                }
            }
        }
        if (fromResumedRun) {
            entry.put("recorded_in", context.run.config.runDirectory().results().toString());
        }
        context.listener.reportingEntryPublished(test, ReportEntry.from(entry));
        List<ResultRecord> series =
                context.run.records().stream()
                        .filter(
                                x ->
                                        x.suite().equals(r.suite())
                                                && x.scenario().equals(r.scenario())
                                                && x.capability().equals(r.capability())
                                                && x.hparamsHash().equals(r.hparamsHash()))
                        .toList();
        AllureReport.measurement(
                r, series, capability.thresholds(), test.suite.tags(), test.scenario.hparams());
        try {
            SweepReport.attach(
                    test.suite,
                    test.scenario,
                    capability.id(),
                    context.run.records(),
                    context.run.config.runDirectory().drift());
        } catch (RuntimeException e) { // a chart that cannot be drawn does not change a verdict
            LOG.warn("{}: sweep charts not attached to Allure: {}", test.path(), e.toString());
        }
    }
}
