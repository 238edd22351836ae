package dev.editgate.report;

import dev.editgate.scenario.Suite;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run's sweeps as Allure results: one test per {@code matrix:} entry, named {@code sweep
 * <suite>/<base> by <keys>}, carrying the sweep's files as attachments — the chart per capability,
 * the drift chart, the tables and the CSV, with the same content as {@code reports/<run>/sweeps/} —
 * failed when any of its measurements failed. The run writes them when a suite ends ({@link
 * #write(RunDirectory, Suite, List)}, through Allure's own lifecycle: {@code target/allure-results}
 * under Maven, {@code reports/<run>/allure-results} under the CLI); {@code ./editgate report
 * --allure DIR} writes them again from {@code results.jsonl} alone.
 */
public final class SweepAllure {
    private SweepAllure() {}

    /**
     * Writes one Allure result per sweep of {@code records} (their matrix origins) into {@code
     * dir}; their names.
     */
    public static List<String> write(Path dir, RunDirectory run, List<ResultRecord> records) {
        return write(
                new AllureLifecycle(new FileSystemResultsWriter(dir)),
                Sweep.of(records),
                records,
                DriftRecord.read(run.drift()));
    }

    /**
     * Writes one Allure result per sweep of {@code suite} that measured something, from the run's
     * {@code records} and drift log, where Allure writes this JVM's results ({@link
     * Allure#getLifecycle()}); their names.
     */
    public static List<String> write(RunDirectory run, Suite suite, List<ResultRecord> records) {
        return write(
                Allure.getLifecycle(), Sweep.of(suite), records, DriftRecord.read(run.drift()));
    }

    private static List<String> write(
            AllureLifecycle lifecycle,
            List<Sweep> sweeps,
            List<ResultRecord> records,
            List<DriftRecord> drift) {
        List<String> names = new ArrayList<>();
        for (Sweep sweep : sweeps) {
            Map<String, String> files = SweepReport.files(sweep, records, drift);
            if (files.isEmpty()) {
                continue;
            }
            String id = sweep.suite() + "/" + sweep.base();
            String name = "sweep " + id + " by " + String.join(", ", sweep.keys());
            boolean failed = sweep.mine(records).stream().anyMatch(r -> !r.passed());
            String uuid = UUID.randomUUID().toString();
            TestResult t =
                    new TestResult()
                            .setUuid(uuid)
                            .setName(name)
                            .setFullName("editgate sweep " + id)
                            .setHistoryId(
                                    UUID.nameUUIDFromBytes(
                                                    ("sweep:" + id)
                                                            .getBytes(StandardCharsets.UTF_8))
                                            .toString())
                            .setStatus(failed ? Status.FAILED : Status.PASSED);
            t.getLabels()
                    .addAll(
                            List.of(
                                    ResultsUtils.createParentSuiteLabel("editgate"),
                                    ResultsUtils.createSuiteLabel(sweep.suite()),
                                    ResultsUtils.createSubSuiteLabel(sweep.base()),
                                    ResultsUtils.createTagLabel("sweep")));
            lifecycle.scheduleTestCase(t);
            lifecycle.startTestCase(uuid);
            files.forEach(
                    (file, content) -> {
                        int dot = file.lastIndexOf('.');
                        String ext = file.substring(dot + 1);
                        String type =
                                switch (ext) {
                                    case "svg" -> "image/svg+xml";
                                    case "md" -> "text/markdown";
                                    default -> "text/csv";
                                };
                        lifecycle.addAttachment(
                                file, type, ext, content.getBytes(StandardCharsets.UTF_8));
                    });
            lifecycle.stopTestCase(uuid);
            lifecycle.writeTestCase(uuid);
            names.add(name);
        }
        return names;
    }
}
