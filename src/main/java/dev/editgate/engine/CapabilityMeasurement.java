package dev.editgate.engine;

import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.report.AllureReport;
import dev.editgate.report.GateVerdict;
import dev.editgate.report.ItemRecords;
import dev.editgate.report.MeasurementKey;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.VerdictStatistics;
import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.Thresholds;
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
        BaselineStore.Baseline baseline = context.suite.baseline(capability.id());
        Thresholds t = capability.thresholds();
        if (baseline == null && t.needsBaseline()) {
            throw new IllegalStateException(
                    capability.id()
                            + ": threshold "
                            + t.describe()
                            + " needs the unedited model's score, which could not be measured",
                    context.suite.baselineFailure(capability.id()));
        }
        // edit metrics score NaN on an unedited model: no baseline to compare with
        Double base = baseline == null || Double.isNaN(baseline.value()) ? null : baseline.value();
        GateVerdict.Outcome verdict =
                GateVerdict.judge(
                        t, score, base, baselineItems(baseline), context.run.config.bootstrap());
        List<String> violations = verdict.failures();
        String message =
                violations.isEmpty()
                        ? null
                        : capability.id()
                                + " after "
                                + edits
                                + " "
                                + test.scenario.method()
                                + " edits: "
                                + String.join("; ", violations);
        ResultRecord record =
                ResultRecord.of(
                        test.subject(context),
                        score,
                        base,
                        t.asMap(),
                        message,
                        verdict.statistics(),
                        seconds);
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

    /** The baseline's item records, or null when the cache holds none or they cannot be read. */
    private List<ItemRecord> baselineItems(BaselineStore.Baseline baseline) {
        if (baseline == null || baseline.items() == null) {
            return null;
        }
        try {
            return ItemRecords.read(baseline.items());
        } catch (RuntimeException e) {
            LOG.warn("{}: baseline items not read: {}", test.path(), e.toString());
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
    }
}
