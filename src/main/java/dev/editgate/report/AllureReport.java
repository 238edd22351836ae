package dev.editgate.report;

import dev.editgate.scenario.Thresholds;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decorates the Allure result of the running test (created by allure-junit-platform's listener for
 * any engine's tests): labels suite / subSuite (the scenario) / tags, the suite's description as
 * the test's description (when the suite has one and the test none), parameters (method, edits
 * applied, layers, benchmark; the value and baseline with their confidence intervals, each bound's
 * p-value, notes and warnings, these left out of the history id) and attachments: the
 * score-versus-edits chart of that capability in that scenario (error bars, baseline band), and its
 * numbers as CSV and JSON.
 */
public final class AllureReport {
    private static final Logger LOG = LoggerFactory.getLogger(AllureReport.class);
    private static final Set<String> SUITE_LABELS = Set.of("parentSuite", "suite", "subSuite");

    private AllureReport() {}

    /**
     * Adds one measurement to the current Allure test; does nothing (but log at debug) when no
     * Allure listener runs.
     *
     * @param series every measurement of the same scenario and capability so far, this one included
     */
    public static void measurement(
            ResultRecord r,
            List<ResultRecord> series,
            Thresholds thresholds,
            List<String> suiteTags,
            Map<String, Object> hparams) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            LOG.debug("no Allure test case is running; {} not attached", r.capability());
            return;
        }
        lifecycle.updateTestCase(
                result -> {
                    result.getLabels().removeIf(l -> SUITE_LABELS.contains(l.getName()));
                    List<Label> labels = result.getLabels();
                    labels.add(ResultsUtils.createParentSuiteLabel("editgate"));
                    labels.add(ResultsUtils.createSuiteLabel(r.suite()));
                    labels.add(ResultsUtils.createSubSuiteLabel(r.scenario()));
                    for (String tag : tags(r, suiteTags)) {
                        if (labels.stream()
                                .noneMatch(
                                        l ->
                                                l.getName().equals("tag")
                                                        && l.getValue().equals(tag))) {
                            labels.add(ResultsUtils.createTagLabel(tag));
                        }
                    }
                    describe(result, r);
                    List<Parameter> params = result.getParameters();
                    params.add(parameter("method", r.method()));
                    params.add(parameter("edits applied", Integer.toString(r.editsApplied())));
                    params.add(parameter("benchmark", r.benchmark()));
                    Object layers =
                            hparams.containsKey("layers")
                                    ? hparams.get("layers")
                                    : hparams.get("layer");
                    if (layers != null) {
                        params.add(parameter("layers", String.valueOf(layers)));
                    }
                    params.addAll(statistics(r));
                });
        List<ResultRecord> points = latestPerCheckpoint(series);
        ScoreChart chart =
                new ScoreChart(
                        r.capability()
                                + " ("
                                + r.metric()
                                + ") — "
                                + r.scenario()
                                + " ["
                                + r.method()
                                + "]",
                        points,
                        thresholds);
        String name = r.capability() + " vs edits";
        lifecycle.addAttachment(
                name + " (chart)",
                "image/svg+xml",
                "svg",
                chart.svg().getBytes(StandardCharsets.UTF_8));
        lifecycle.addAttachment(
                name + " (csv)", "text/csv", "csv", chart.csv().getBytes(StandardCharsets.UTF_8));
        lifecycle.addAttachment(
                "measurement (json)",
                "application/json",
                "json",
                ResultJson.write(r).getBytes(StandardCharsets.UTF_8));
    }

    /** The suite's description becomes the test's, unless the test has its own. */
    static void describe(TestResult result, ResultRecord r) {
        if (r.suiteDescription() != null
                && result.getDescription() == null
                && result.getDescriptionHtml() == null) {
            result.setDescription(r.suiteDescription());
        }
    }

    private static List<String> tags(ResultRecord r, List<String> suiteTags) {
        List<String> out = new ArrayList<>(suiteTags);
        out.add(r.method());
        out.add(r.benchmark());
        return out;
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }

    /**
     * The value and baseline with their intervals, each bound's p-value, notes and warnings; left
     * out of Allure's history id (they change from run to run, the test does not).
     */
    static List<Parameter> statistics(ResultRecord r) {
        List<Parameter> out = new ArrayList<>();
        VerdictStatistics st = r.statistics();
        String level = st == null ? "" : " (" + Thresholds.percent(st.level()) + " CI)";
        out.add(measured("value", withInterval(r.value(), st == null ? null : st.ci(), level)));
        if (r.baseline() != null) {
            out.add(
                    measured(
                            "baseline",
                            withInterval(
                                    r.baseline(), st == null ? null : st.baselineCi(), level)));
        }
        if (st == null) {
            return out;
        }
        st.pValues()
                .forEach(
                        (k, p) ->
                                out.add(
                                        measured(
                                                "p (" + k + ")",
                                                VerdictStatistics.formatP(p)
                                                        + ", "
                                                        + st.tests().get(k))));
        for (String n : st.notes()) {
            out.add(measured("note", n));
        }
        for (String w : st.warnings()) {
            out.add(measured("warning", w));
        }
        return out;
    }

    private static Parameter measured(String name, String value) {
        return parameter(name, value).setExcluded(true);
    }

    private static String withInterval(double value, List<Double> ci, String level) {
        String v = Thresholds.format(value);
        return ci == null ? v : v + " [" + VerdictStatistics.range(ci) + "]" + level;
    }

    private static List<ResultRecord> latestPerCheckpoint(List<ResultRecord> series) {
        Map<Integer, ResultRecord> m = new LinkedHashMap<>();
        series.forEach(x -> m.put(x.editsApplied(), x));
        return new ArrayList<>(m.values());
    }
}
