package dev.editgate.cli;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.report.RunDirectory;
import dev.editgate.report.SummaryTable;
import dev.editgate.report.SweepAllure;
import dev.editgate.report.SweepReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code editgate report}: the summary table of a run (the latest by default), or with {@code
 * --flips} the items of a capability whose verdict flipped between two checkpoints.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Print the summary table of a run from its results.jsonl; exit 1 when it has failures.",
            "With --flips CAPABILITY: the items whose verdict flipped between --from and --to.",
            "A run with matrix scenarios gets its sweeps/ and drift-matrix/ files redrawn."
        })
final class ReportCommand implements Callable<Integer> {
    @Parameters(
            arity = "0..1",
            paramLabel = "RUN_ID",
            description = "run id (default: the latest run)")
    String runId;

    @Option(
            names = "--reports",
            paramLabel = "DIR",
            defaultValue = "reports",
            description = "folder of runs (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(
            names = "--flips",
            paramLabel = "CAPABILITY",
            description = "print the items of this capability whose verdict flipped")
    String flips;

    @Option(
            names = "--from",
            paramLabel = "EDITS",
            defaultValue = "0",
            description = "earlier checkpoint for --flips (default 0: the unedited model)")
    int from;

    @Option(
            names = "--to",
            paramLabel = "EDITS",
            description = "later checkpoint for --flips (default: the last one measured)")
    Integer to;

    @Option(names = "--suite", paramLabel = "ID", description = "only this suite (--flips)")
    String suite;

    @Option(names = "--scenario", paramLabel = "ID", description = "only this scenario (--flips)")
    String scenario;

    @Option(
            names = "--github-summary",
            paramLabel = "FILE",
            description = "append the run as job-summary Markdown (e.g. $GITHUB_STEP_SUMMARY)")
    Path githubSummary;

    @Option(
            names = "--allure",
            paramLabel = "DIR",
            description =
                    "write categories.json and environment.properties into this Allure results"
                            + " folder (e.g. target/allure-results)")
    Path allure;

    @Option(
            names = "--allure-history",
            paramLabel = "REPORT_DIR",
            description = "with --allure: copy REPORT_DIR/history (the previous HTML report's) in")
    Path allureHistory;

    @Override
    public Integer call() throws IOException {
        Optional<RunDirectory> run =
                runId != null
                        ? Optional.of(RunDirectory.of(reports, runId))
                        : RunDirectory.latest(reports);
        if (run.isEmpty() || !run.get().hasResults()) {
            System.err.println(
                    "no results: "
                            + run.map(r -> r.results().toString())
                                    .orElse("no run under " + reports));
            return 2;
        }
        Path file = run.get().results();
        if (flips != null) {
            int printed =
                    new FlipsPrinter(run.get(), System.out).print(flips, suite, scenario, from, to);
            if (printed == 0) {
                System.err.println(
                        "no item records of capability " + flips + " under " + run.get().items());
                return 2;
            }
            return 0;
        }
        List<ResultRecord> records = ResultStore.read(file);
        boolean matrices = records.stream().anyMatch(r -> r.matrix() != null);
        if (matrices) { // redrawn from the records' matrix origins, as the run drew them
            List<Path> files = SweepReport.write(run.get(), records);
            System.err.println("sweeps: " + files.size() + " files under " + run.get().path());
        }
        if (allure != null) {
            int carried = CiReports.allure(records, allure, allureHistory);
            List<String> sweeps =
                    matrices ? SweepAllure.write(allure, run.get(), records) : List.of();
            System.err.println(
                    "allure: categories.json, environment.properties"
                            + (allureHistory != null ? " and " + carried + " history files" : "")
                            + (sweeps.isEmpty() ? "" : " and " + sweeps.size() + " sweep results")
                            + " written to "
                            + allure);
        }
        if (githubSummary != null) {
            CiReports.githubSummary(githubSummary, run.get().runId(), records, 0);
        }
        System.out.println("run " + run.get().runId() + " (" + file + ")");
        System.out.println(SummaryTable.render(records));
        records.stream()
                .filter(r -> !r.passed())
                .map(ResultRecord::message)
                .distinct()
                .forEach(m -> System.out.println("  ✗ " + m));
        return records.stream().allMatch(ResultRecord::passed) ? 0 : 1;
    }
}
