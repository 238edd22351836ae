package dev.editgate.cli;

import dev.editgate.report.RunDirectory;
import dev.editgate.report.RunMerge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code editgate merge}: one run from the run folders of its shards ({@code run --shard I/N}). */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Join the run folders of shards (editgate run --shard I/N) into one run: results,",
            "item records, edit logs, drift, Allure results and the summary table. Checks that",
            "the shards ran the same selection and cover it without overlap; exit 1 when the",
            "merged run has failures, 2 when the folders do not make one run."
        })
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "the shards' run folders")
    List<Path> shards;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "the merged run's folder (must not hold a run yet)")
    Path out;

    @Override
    public Integer call() {
        RunMerge.Outcome o;
        try {
            o =
                    RunMerge.merge(
                            shards.stream().map(RunDirectory::new).toList(), new RunDirectory(out));
        } catch (IllegalArgumentException e) {
            System.err.println("editgate merge: " + e.getMessage());
            return Main.USAGE;
        }
        o.warnings().forEach(w -> System.err.println("warning: " + w));
        RunDirectory run = new RunDirectory(out);
        try {
            CiReports.allure(o.records(), run.allureResults(), null);
        } catch (java.io.IOException e) {
            System.err.println("editgate merge: cannot write the Allure extras: " + e.getMessage());
        }
        System.out.println(
                "merged "
                        + shards.size()
                        + " shards: "
                        + o.records().size()
                        + " results in "
                        + run.results()
                        + "   summary: "
                        + run.summary());
        boolean failed = o.records().stream().anyMatch(r -> !r.passed());
        return failed ? 1 : 0;
    }
}
