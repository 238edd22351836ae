package dev.editgate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of one run's report, {@code <reports>/<run-id>/}, and where everything lies in it: the
 * one definition the engine writes, the report package reads and the CLI prints.
 *
 * <pre>
 * results.jsonl                       one line per measurement (ResultStore)
 * summary.txt                         the summary table, written when the run ends
 * drift.jsonl                         parameter drift of the changed tensors, per checkpoint
 * edits.jsonl                         one line per batch of edits applied
 * items/&lt;suite&gt;/&lt;scenario&gt;/&lt;edits&gt;-&lt;capability&gt;.jsonl   per-item records
 * items/&lt;suite&gt;/_baseline_/0-&lt;capability&gt;.jsonl            the unedited model's
 * workers/&lt;suite&gt;/&lt;scenario&gt;/           work folder of an external method's worker
 * allure-results/                     Allure's files when the CLI runs the suites
 * junit/TEST-editgate.xml             the run's tests as JUnit XML in Surefire's format (CLI runs)
 * shard.json                          which part of which selection a sharded run ran (ShardManifest)
 * merged.json                         the shard runs a merged run was made from (RunMerge)
 * bisect.json                         what ./editgate bisect found, with its probes
 * sweeps/&lt;suite&gt;/&lt;base&gt;/           a matrix's figures and tables (SweepReport)
 * drift-matrix/&lt;suite&gt;/&lt;scenario&gt;.svg  per-tensor drift of a scenario editing several tensors
 * </pre>
 *
 * Ids become path segments with every character outside {@code [A-Za-z0-9._-]} replaced by {@code
 * _}.
 *
 * @param path the run's folder
 */
public record RunDirectory(Path path) {
    /** The scenario folder under {@code items/<suite>/} that holds the unedited model's items. */
    public static final String BASELINE_SCENARIO = "(baseline)";

    /** The run {@code runId} under {@code reportsDir}. */
    public static RunDirectory of(Path reportsDir, String runId) {
        return new RunDirectory(reportsDir.resolve(runId));
    }

    /**
     * The run under {@code reportsDir} whose results file changed last; empty when there is none.
     */
    public static Optional<RunDirectory> latest(Path reportsDir) {
        if (!Files.isDirectory(reportsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(reportsDir)) {
            return runs.map(RunDirectory::new)
                    .filter(RunDirectory::hasResults)
                    .max(Comparator.comparing(r -> r.results().toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list runs under " + reportsDir, e);
        }
    }

    /** The run's id: the folder's name. */
    public String runId() {
        return path.getFileName().toString();
    }

    /** Whether the run has recorded a results file. */
    public boolean hasResults() {
        return Files.isRegularFile(results());
    }

    /** {@code bisect.json}: the search {@code ./editgate bisect} made in this run. */
    public Path bisect() {
        return path.resolve("bisect.json");
    }

    /** {@code results.jsonl}: one JSON line per measurement. */
    public Path results() {
        return path.resolve("results.jsonl");
    }

    /** {@code summary.txt}: the summary table, written when the run ends. */
    public Path summary() {
        return path.resolve("summary.txt");
    }

    /** {@code drift.jsonl}: parameter drift of every changed tensor, at each checkpoint. */
    public Path drift() {
        return path.resolve("drift.jsonl");
    }

    /** {@code edits.jsonl}: one line per batch of edits applied. */
    public Path edits() {
        return path.resolve("edits.jsonl");
    }

    /** {@code items/}: the per-item records of every measurement. */
    public Path items() {
        return path.resolve("items");
    }

    /** {@code items/<suite>/<scenario>/}: one scenario's item files. */
    public Path scenarioItems(String suite, String scenario) {
        return items().resolve(safe(suite)).resolve(safe(scenario));
    }

    /** {@code items/<suite>/<scenario>/<edits>-<capability>.jsonl}: one measurement's items. */
    public Path items(String suite, String scenario, int edits, String capability) {
        return scenarioItems(suite, scenario).resolve(edits + "-" + safe(capability) + ".jsonl");
    }

    /** {@code items/<suite>/_baseline_/0-<capability>.jsonl}: the unedited model's items. */
    public Path baselineItems(String suite, String capability) {
        return items(suite, BASELINE_SCENARIO, 0, capability);
    }

    /** {@code workers/<suite>/<scenario>/}: a folder reserved for one scenario's method. */
    public Path workers(String suite, String scenario) {
        return path.resolve("workers").resolve(safe(suite)).resolve(safe(scenario));
    }

    /** {@code allure-results/}: where the CLI has Allure write. */
    public Path allureResults() {
        return path.resolve("allure-results");
    }

    /** {@code junit/TEST-editgate.xml}: the run's tests as JUnit XML, when the CLI ran them. */
    public Path junit() {
        return path.resolve("junit").resolve("TEST-editgate.xml");
    }

    /** {@code shard.json}: the {@link ShardManifest} of a run made with {@code --shard I/N}. */
    public Path shardManifest() {
        return path.resolve("shard.json");
    }

    /** {@code merged.json}: the shard runs {@link RunMerge} joined into this one. */
    public Path mergeManifest() {
        return path.resolve("merged.json");
    }

    /** {@code sweeps/<suite>/<base>/}: the figures and tables of one {@code matrix:} entry. */
    public Path sweep(String suite, String base) {
        return path.resolve("sweeps").resolve(safe(suite)).resolve(safe(base));
    }

    /** {@code drift-matrix/<suite>/<scenario>.svg}: the per-tensor drift of one scenario. */
    public Path driftMatrix(String suite, String scenario) {
        return path.resolve("drift-matrix").resolve(safe(suite)).resolve(safe(scenario) + ".svg");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
