package dev.editgate.report;

import dev.editgate.scenario.Thresholds;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An {@code ./editgate bisect} search as one Allure result: a step per probe in the order measured
 * ({@code after 9 edits: 0.387 FAIL}, passed or failed, with its value, where it started and the
 * edits applied as parameters), the finding as parameters (first failing edit count, the breaking
 * edit's subject, prompt and target) and as the status message, and attachments: the probes' value
 * versus edits chart with the threshold ({@link ScoreChart}), its CSV, and the search's JSON. The
 * test fails when the search found a breaking edit (the capability fails there) or the capability
 * already fails at {@code --lo}, and passes when it passes at {@code --hi}.
 *
 * @param suite suite id
 * @param scenario scenario id
 * @param capability capability id
 * @param verdict {@code found}, {@code passes-at-hi} or {@code fails-at-lo}
 * @param firstFailure the first failing edit count, or null
 * @param breaking the edits of the batch that broke it, or empty
 * @param probes the probes' records in the order measured, each with its {@link BisectProbe}
 * @param summary the search described in words (the CLI's output)
 * @param json the search as {@code bisect.json} holds it
 */
public record BisectAllure(
        String suite,
        String scenario,
        String capability,
        String verdict,
        Integer firstFailure,
        List<BisectProbe.Edit> breaking,
        List<ResultRecord> probes,
        String summary,
        String json) {

    /** Writes the result (and its attachments) into {@code dir}; returns its uuid. */
    public String write(Path dir, Thresholds thresholds) {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(dir));
        String id = suite + "/" + scenario + "/" + capability;
        String uuid = UUID.randomUUID().toString();
        TestResult t =
                new TestResult()
                        .setUuid(uuid)
                        .setName("bisect " + capability + " in " + suite + "/" + scenario)
                        .setFullName("editgate bisect " + id)
                        .setHistoryId(
                                UUID.nameUUIDFromBytes(
                                                ("bisect:" + id).getBytes(StandardCharsets.UTF_8))
                                        .toString())
                        .setStatus("passes-at-hi".equals(verdict) ? Status.PASSED : Status.FAILED)
                        .setStatusDetails(new StatusDetails().setMessage(finding()));
        t.getLabels()
                .addAll(
                        List.of(
                                ResultsUtils.createParentSuiteLabel("editgate"),
                                ResultsUtils.createSuiteLabel(suite),
                                ResultsUtils.createSubSuiteLabel(scenario),
                                ResultsUtils.createTagLabel("bisect")));
        t.getParameters().addAll(parameters());
        lifecycle.scheduleTestCase(t);
        lifecycle.startTestCase(uuid);
        for (ResultRecord r : probes) {
            BisectProbe p = r.bisect();
            String step = UUID.randomUUID().toString();
            lifecycle.startStep(
                    uuid,
                    step,
                    new StepResult()
                            .setName(
                                    "after "
                                            + r.editsApplied()
                                            + " edits: "
                                            + Thresholds.format(r.value())
                                            + (r.passed() ? " pass" : " FAIL"))
                            .setStatus(r.passed() ? Status.PASSED : Status.FAILED)
                            .setParameters(
                                    List.of(
                                            parameter("value", Thresholds.format(r.value())),
                                            parameter("from", Integer.toString(p.from())),
                                            parameter(
                                                    "edits applied",
                                                    Integer.toString(p.editsApplied())))));
            lifecycle.stopStep(step);
        }
        ScoreChart chart = new ScoreChart(id + " (bisect probes)", probes, thresholds);
        attach(lifecycle, "probes: value vs edits", "image/svg+xml", "svg", chart.svg());
        attach(lifecycle, "probes (CSV)", "text/csv", "csv", chart.csv());
        attach(lifecycle, "bisect.json", "application/json", "json", json);
        attach(lifecycle, "search", "text/plain", "txt", summary);
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);
        return uuid;
    }

    /** The finding in one line: the status message. */
    String finding() {
        return switch (verdict) {
            case "found" -> {
                BisectProbe.Edit e = breaking.get(breaking.size() - 1);
                yield capability
                        + " first fails after "
                        + firstFailure
                        + " edits; "
                        + (breaking.size() == 1 ? "the edit" : "the batch ending with edit")
                        + " "
                        + e.edit()
                        + ": subject "
                        + e.subject()
                        + ", target \""
                        + e.target()
                        + "\"";
            }
            case "passes-at-hi" -> capability + " passes at the end of the range";
            default -> capability + " already fails at --lo";
        };
    }

    private List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        out.add(parameter("capability", capability));
        out.add(parameter("verdict", verdict));
        out.add(parameter("probes", Integer.toString(probes.size())));
        if (firstFailure != null) {
            out.add(parameter("first failure (edits)", Integer.toString(firstFailure)));
            for (BisectProbe.Edit e : breaking) {
                out.add(parameter("edit " + e.edit() + " subject", e.subject()));
                out.add(parameter("edit " + e.edit() + " prompt", e.prompt()));
                out.add(parameter("edit " + e.edit() + " target", e.target()));
            }
        }
        return out;
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }

    private static void attach(
            AllureLifecycle lifecycle, String name, String type, String ext, String content) {
        lifecycle.addAttachment(name, type, ext, content.getBytes(StandardCharsets.UTF_8));
    }
}
