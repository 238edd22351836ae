package dev.editgate.cli;

import dev.editgate.engine.Constants;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.report.RunDirectory;
import dev.editgate.report.ScenarioComparison;
import dev.editgate.report.ScenarioPair;
import dev.editgate.report.SummaryTable;
import dev.editgate.report.SweepAllure;
import dev.editgate.report.SweepReport;
import dev.editgate.stats.Bootstrap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code editgate report}: the summary table of a run (the latest by default), or with {@code
 * --flips} the items of a capability whose verdict flipped between two checkpoints, or with {@code
 * --compare} two scenarios paired item by item.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Print the summary table of a run from its results.jsonl; exit 1 when it has failures.",
            "With --flips CAPABILITY: the items whose verdict flipped between --from and --to.",
            "With --compare A,B: scenario A against B on the same items, at each checkpoint.",
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

    @Option(
            names = "--compare",
            paramLabel = "A,B",
            description =
                    "compare two scenarios of the run on the same items: A − B per checkpoint and"
                            + " capability, its paired interval and a two-sided p-value")
    String compare;

    @Option(
            names = "--edits",
            paramLabel = "N",
            description = "only this checkpoint for --compare (default: every common one)")
    Integer edits;

    @Option(
            names = "--confidence",
            paramLabel = "LEVEL",
            defaultValue = "0.95",
            description = "coverage of --compare's intervals (default ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--markdown", description = "print --compare's table as Markdown")
    boolean markdown;

    @Option(
            names = "--suite",
            paramLabel = "ID",
            description = "only this suite (--flips, --compare)")
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
        if (compare != null) {
            return compare(run.get());
        }
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

    /** {@code --compare A,B}: exit 0, or 2 on bad input (said on stderr). Writes no file. */
    private int compare(RunDirectory run) {
        String[] ab = compare.split(",", -1);
        if (ab.length != 2 || ab[0].isBlank() || ab[1].isBlank()) {
            System.err.println("--compare takes two scenario ids, A,B; got " + compare);
            return 2;
        }
        List<ResultRecord> records = ResultStore.read(run.results());
        Bootstrap bootstrap;
        try {
            bootstrap = bootstrap(records);
        } catch (IllegalArgumentException e) { // NumberFormatException too
            System.err.println(
                    "-D"
                            + Constants.BOOTSTRAP_REPLICATES
                            + " / -D"
                            + Constants.BOOTSTRAP_SEED
                            + ": "
                            + e.getMessage()
                            + " (an integer of at least 100 replicates; a long seed)");
            return 2;
        }
        List<String> skipped = new ArrayList<>();
        try {
            List<ScenarioPair> rows =
                    ScenarioComparison.compare(
                            run,
                            records,
                            ab[0].strip(),
                            ab[1].strip(),
                            suite,
                            edits,
                            confidence,
                            bootstrap,
                            skipped);
            new ComparePrinter(System.out)
                    .print(
                            run.runId(),
                            ab[0].strip(),
                            ab[1].strip(),
                            rows,
                            confidence,
                            bootstrap,
                            skipped,
                            markdown);
            return 0;
        } catch (ScenarioComparison.InvalidComparison e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    /**
     * The verdicts' bootstrap: {@code -Deditgate.bootstrap.replicates/seed} when set, else what the
     * run recorded, else the defaults.
     */
    private static Bootstrap bootstrap(List<ResultRecord> records) {
        Map<String, Long> recorded =
                records.stream()
                        .filter(r -> r.statistics() != null && r.statistics().bootstrap() != null)
                        .map(r -> r.statistics().bootstrap())
                        .findFirst()
                        .orElse(Map.of());
        String replicates = System.getProperty(Constants.BOOTSTRAP_REPLICATES);
        String seed = System.getProperty(Constants.BOOTSTRAP_SEED);
        return new Bootstrap(
                replicates != null
                        ? Integer.parseInt(replicates.strip())
                        : recorded.getOrDefault("replicates", (long) Bootstrap.DEFAULT_REPLICATES)
                                .intValue(),
                seed != null
                        ? Long.parseLong(seed.strip())
                        : recorded.getOrDefault("seed", Bootstrap.DEFAULT_SEED));
    }
}
