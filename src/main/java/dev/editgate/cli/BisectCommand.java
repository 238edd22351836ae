package dev.editgate.cli;

import dev.editgate.engine.Bisection;
import dev.editgate.engine.Constants;
import dev.editgate.engine.EngineConfig;
import dev.editgate.engine.EngineServices;
import dev.editgate.report.RunDirectory;
import dev.editgate.scenario.InvalidSuiteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code editgate bisect}: the first edit of a scenario's stream after which a capability fails.
 */
@Command(
        name = "bisect",
        mixinStandardHelpOptions = true,
        description = {
            "Find the first edit count at which a capability fails its threshold, by binary",
            "search over the scenario's edit stream. Methods whose whole state is the weights",
            "(ROME, r-ROME, MEMIT, FT-L, MEND) go on from the last passing probe; others replay",
            "from the unedited model. Exit 0 when found, 1 when it passes at --hi or already",
            "fails at --lo, 2 on a usage error.",
            "Written under <reports>/<run-id>/ and printed at the end: bisect.json (the search),",
            "results.jsonl (one line per probe, its place in the search and edits under",
            "\"bisect\"), items/ (per-item records) and allure-results/<uuid>-result.json (the",
            "search as one Allure result: a step per probe, the finding, chart, CSV, JSON)."
        })
final class BisectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "the suite file")
    Path suite;

    @Option(names = "--scenario", required = true, paramLabel = "ID")
    String scenario;

    @Option(names = "--capability", required = true, paramLabel = "ID")
    String capability;

    @Option(
            names = "--lo",
            paramLabel = "N",
            description =
                    "an edit count that passes (default: 0, the unedited model, not measured)")
    Integer lo;

    @Option(
            names = "--hi",
            paramLabel = "M",
            description = "an edit count that fails, measured first (default: the stream's length)")
    Integer hi;

    @Option(names = "--run-id", paramLabel = "ID")
    String runId;

    @Option(
            names = "--reports",
            defaultValue = "reports",
            paramLabel = "DIR",
            description =
                    "where <run-id>/ (bisect.json, results.jsonl, allure-results/) goes"
                            + " (default: ${DEFAULT-VALUE})")
    Path reports;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(suite)) {
            System.err.println("editgate bisect: " + suite + ": no such suite file");
            return Main.USAGE;
        }
        String id =
                runId != null
                        ? runId
                        : "bisect-"
                                + LocalDateTime.now()
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Constants.RUN_ID, id);
        settings.put(Constants.REPORTS_DIR, reports.toString());
        EngineConfig config = EngineConfig.fromSystemProperties(settings);
        Bisection.Result r;
        try {
            r =
                    Bisection.run(
                            config,
                            EngineServices.defaults(),
                            suite,
                            scenario,
                            capability,
                            lo,
                            hi,
                            System.out::println);
        } catch (InvalidSuiteException | IllegalArgumentException e) {
            System.err.println("editgate bisect: " + e.getMessage());
            return Main.USAGE;
        }
        System.out.println(r.describe());
        RunDirectory run = RunDirectory.of(reports, id);
        System.out.println("recorded in " + run.bisect());
        System.out.println(
                "results: "
                        + run.results()
                        + " ("
                        + r.probes().size()
                        + (r.probes().size() == 1 ? " line" : " lines")
                        + " appended, one per probe)");
        System.out.println("allure: " + r.allureResult());
        return "found".equals(r.verdict()) ? 0 : 1;
    }
}
