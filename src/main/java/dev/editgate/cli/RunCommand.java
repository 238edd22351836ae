package dev.editgate.cli;

import dev.editgate.engine.Constants;
import dev.editgate.engine.EngineServices;
import dev.editgate.engine.Shard;
import dev.editgate.report.ResultStore;
import dev.editgate.report.RunDirectory;
import dev.editgate.report.SummaryTable;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code editgate run}: runs suites through the JUnit Launcher (the same engine Maven runs), with
 * progress, the summary table at the end, and exit code 1 when any threshold or suite failed.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run edit suites; exit code 1 when a threshold fails, 2 when nothing ran.")
final class RunCommand implements Callable<Integer> {
    @Mixin SuiteSelection selection;

    @Option(
            names = "--resume",
            paramLabel = "RUN_ID",
            description = "complete an interrupted run: recorded measurements are not redone")
    String resume;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "id of this run (default: a timestamp)")
    String runId;

    @Option(
            names = "--reports",
            paramLabel = "DIR",
            defaultValue = "reports",
            description = "where <run-id>/results.jsonl goes (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description =
                    "run shard I of N: a deterministic, cost-balanced part of the selected"
                            + " scenarios (join the N runs with editgate merge)")
    String shard;

    @Override
    public Integer call() {
        if (shard != null) {
            try {
                Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                System.err.println("editgate run --shard " + shard + ": " + e.getMessage());
                return Main.USAGE;
            }
        }
        String id =
                resume != null
                        ? resume
                        : runId != null
                                ? runId
                                : LocalDateTime.now()
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Map<String, String> config = new LinkedHashMap<>();
        config.put(Constants.RUN_ID, id);
        config.put(Constants.REPORTS_DIR, reports.toString());
        config.put(Constants.LOG_SUMMARY, "false");
        if (resume != null) {
            config.put(Constants.RESUME, resume);
        }
        if (shard != null) {
            config.put(Constants.SHARD, shard);
        }
        if (System.getProperty("allure.results.directory") == null) {
            System.setProperty(
                    "allure.results.directory",
                    RunDirectory.of(reports, id).allureResults().toString());
        }
        ConsoleProgress progress = new ConsoleProgress(System.out);
        Launcher launcher =
                SuiteSelection.launcher(EngineServices.defaults().withProgress(progress));
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        System.out.println(
                "run "
                        + id
                        + (resume != null ? " (resuming)" : "")
                        + (shard != null ? " (shard " + shard.trim() + ")" : ""));
        Path junit = RunDirectory.of(reports, id).junit();
        launcher.execute(selection.request(config), summary, progress, new JunitXmlListener(junit));

        TestExecutionSummary s = summary.getSummary();
        RunDirectory run = RunDirectory.of(reports, id);
        Path results = run.results();
        var records = ResultStore.read(results);
        if (!records.isEmpty()) {
            System.out.println();
            System.out.println(SummaryTable.render(records));
        }
        System.out.printf(
                "%n%d tests: %d passed, %d failed, %d skipped; %d suites failed%n",
                s.getTestsFoundCount(),
                s.getTestsSucceededCount(),
                s.getTestsFailedCount(),
                s.getTestsSkippedCount(),
                s.getContainersFailedCount());
        try {
            CiReports.allure(
                    records, Path.of(System.getProperty("allure.results.directory")), null);
            String step = System.getenv("GITHUB_STEP_SUMMARY");
            if (step != null && !step.isEmpty()) {
                CiReports.githubSummary(
                        Path.of(step), id, records, (int) s.getContainersFailedCount());
            }
        } catch (java.io.IOException e) {
            System.err.println("editgate run: cannot write the CI reports: " + e.getMessage());
        }
        System.out.println(
                "results: "
                        + results
                        + "   summary: "
                        + run.summary()
                        + "   allure: "
                        + System.getProperty("allure.results.directory"));
        if (s.getTestsFailedCount() > 0 || s.getContainersFailedCount() > 0) {
            return 1;
        }
        if (s.getTestsFoundCount() == 0 && shard != null) {
            System.out.println("shard " + shard.trim() + " holds no scenario: nothing to run");
            return 0;
        }
        return s.getTestsFoundCount() == 0 ? 2 : 0;
    }
}
