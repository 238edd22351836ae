package dev.editgate.engine;

import dev.editgate.stats.Bootstrap;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's settings, read once from JUnit configuration parameters (which fall back to system
 * properties, so {@code -Deditgate.resume=...} works under Maven).
 *
 * @param suitesRoot folder scanned for suite files when a unique id must be resolved to a file
 * @param reportsDir where {@code <run-id>/results.jsonl} goes
 * @param baselinesDir the on-disk baseline cache
 * @param runId this run's id: the resumed run's id, or {@code editgate.run.id}, or a timestamp
 * @param resume whether {@link #runId} names an earlier run to complete
 * @param logSummary whether to log the summary table when the run ends
 */
public record EngineConfig(
        Path suitesRoot,
        Path reportsDir,
        Path baselinesDir,
        String runId,
        boolean resume,
        boolean logSummary,
        Bootstrap bootstrap) {

    /** Folder of suite files used to resolve unique ids (default {@code suites}). */
    public static final String SUITES_ROOT = "editgate.suites.root";

    /** Folder of run reports (default {@code reports}). */
    public static final String REPORTS_DIR = "editgate.reports.dir";

    /** Baseline cache folder (default {@code .editgate/baselines}). */
    public static final String BASELINES_DIR = "editgate.baselines.dir";

    /** Id of this run (default: a timestamp such as {@code 20260125-221530}). */
    public static final String RUN_ID = "editgate.run.id";

    /**
     * Class name of an {@link EditStreamLoader} (public, no-argument constructor) to read edit
     * datasets with, instead of the edit package's readers: for formats of your own.
     */
    public static final String EDIT_LOADER = "editgate.edits.loader";

    /** Id of an earlier run to complete: measurements it recorded are reported, not re-measured. */
    public static final String RESUME = "editgate.resume";

    /**
     * Whether the engine logs the summary table at the end (default true; the CLI prints its own).
     */
    public static final String LOG_SUMMARY = "editgate.summary.log";

    /** Bootstrap resamples per measurement (default 10000, at least 100). */
    public static final String BOOTSTRAP_REPLICATES = "editgate.bootstrap.replicates";

    /** Seed of the bootstrap resamples (default 1): the same seed gives the same intervals. */
    public static final String BOOTSTRAP_SEED = "editgate.bootstrap.seed";

    static EngineConfig from(ConfigurationParameters params) {
        Optional<String> resume = params.get(RESUME).map(String::trim).filter(s -> !s.isEmpty());
        String runId =
                resume.or(() -> params.get(RUN_ID))
                        .orElseGet(
                                () ->
                                        LocalDateTime.now()
                                                .format(
                                                        DateTimeFormatter.ofPattern(
                                                                "yyyyMMdd-HHmmss")));
        return new EngineConfig(
                Path.of(params.get(SUITES_ROOT).orElse("suites")),
                Path.of(params.get(REPORTS_DIR).orElse("reports")),
                Path.of(params.get(BASELINES_DIR).orElse(".editgate/baselines")),
                runId,
                resume.isPresent(),
                params.getBoolean(LOG_SUMMARY).orElse(true),
                new Bootstrap(
                        params.get(BOOTSTRAP_REPLICATES, Integer::parseInt)
                                .orElse(Bootstrap.DEFAULT_REPLICATES),
                        params.get(BOOTSTRAP_SEED, Long::parseLong)
                                .orElse(Bootstrap.DEFAULT_SEED)));
    }

    /** {@code reports/<run-id>/results.jsonl}. */
    public Path resultsFile() {
        return reportsDir.resolve(runId).resolve("results.jsonl");
    }

    /** {@code <reportsDir>/<runId>/summary.txt}: the summary table, written when the run ends. */
    public Path summaryFile() {
        return reportsDir.resolve(runId).resolve("summary.txt");
    }
}
