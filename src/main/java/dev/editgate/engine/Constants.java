package dev.editgate.engine;

/**
 * Every setting of EditGate, in the style of Cucumber's {@code Constants}: the key, its default and
 * what it means. The engine reads them once, at discovery, through JUnit's configuration
 * parameters, which look at the launcher's own parameters, then system properties ({@code
 * -Deditgate.shared=...}), then {@code junit-platform.properties} on the class path; {@code
 * ./editgate} commands that run outside the engine read the same keys from system properties
 * ({@link EngineConfig#fromSystemProperties()}). Nothing below the engine reads a property: the
 * values reach models, editors and benchmarks as arguments.
 */
public final class Constants {
    private Constants() {}

    /**
     * The shared data folder ({@code ${editgate.shared}} in suites and hyperparameter files).
     * Default {@value #SHARED_DEFAULT}, against the working directory.
     */
    public static final String SHARED = "editgate.shared";

    /** Default of {@link #SHARED}. */
    public static final String SHARED_DEFAULT = "../shared";

    /**
     * The cache of pulled models ({@code ./editgate models pull}); {@code ${editgate.models}} is
     * its {@code models} folder. Default: the environment variable {@code EDITGATE_CACHE}, else
     * {@code ~/.cache/editgate}.
     */
    public static final String MODEL_CACHE = "editgate.cache";

    /**
     * Root of the hyperparameter presets: {@code preset: NAME} of method M reads {@code
     * <root>/M/NAME.yaml}. Default {@value #PRESETS_DEFAULT}.
     */
    public static final String PRESETS = "editgate.hparams";

    /** Default of {@link #PRESETS}. */
    public static final String PRESETS_DEFAULT = "hparams";

    /** The second-moment statistics cache (ROME, MEMIT). Default {@value #STATS_DEFAULT}. */
    public static final String STATS = "editgate.stats";

    /** Default of {@link #STATS}. */
    public static final String STATS_DEFAULT = ".editgate/stats";

    /**
     * Folder of suite files scanned when a unique id must be resolved to its file. Default {@value
     * #SUITES_ROOT_DEFAULT}.
     */
    public static final String SUITES_ROOT = "editgate.suites.root";

    /** Default of {@link #SUITES_ROOT}. */
    public static final String SUITES_ROOT_DEFAULT = "suites";

    /**
     * Folder of run reports: each run writes {@code <dir>/<run-id>/} ({@link
     * dev.editgate.report.RunDirectory}). Default {@value #REPORTS_DIR_DEFAULT}.
     */
    public static final String REPORTS_DIR = "editgate.reports.dir";

    /** Default of {@link #REPORTS_DIR}. */
    public static final String REPORTS_DIR_DEFAULT = "reports";

    /** The baseline cache (unedited models' scores). Default {@value #BASELINES_DIR_DEFAULT}. */
    public static final String BASELINES_DIR = "editgate.baselines.dir";

    /** Default of {@link #BASELINES_DIR}. */
    public static final String BASELINES_DIR_DEFAULT = ".editgate/baselines";

    /** Id of this run. Default: a timestamp such as {@code 20260125-221530}. */
    public static final String RUN_ID = "editgate.run.id";

    /**
     * Id of an earlier run to complete: measurements it recorded (same configuration) are reported
     * as they were, not measured again. Unset by default.
     */
    public static final String RESUME = "editgate.resume";

    /**
     * Class name of an {@link EditStreamLoader} (public, no-argument constructor) to read edit
     * datasets with, instead of the edit package's readers: for formats of your own. Unset by
     * default.
     */
    public static final String EDIT_LOADER = "editgate.edits.loader";

    /**
     * Whether the engine logs the summary table at the end of a run. Default {@code true}; the CLI
     * sets {@code false} and prints its own.
     */
    public static final String LOG_SUMMARY = "editgate.summary.log";

    /** Bootstrap resamples per measurement (at least 100). Default 10000. */
    public static final String BOOTSTRAP_REPLICATES = "editgate.bootstrap.replicates";

    /** Seed of the bootstrap resamples: the same seed gives the same intervals. Default 1. */
    public static final String BOOTSTRAP_SEED = "editgate.bootstrap.seed";

    /**
     * Run one shard of the selected scenarios, {@code I/N} ({@link Shard}): {@code ./editgate
     * merge} joins the N run folders. Unset by default: every scenario runs.
     */
    public static final String SHARD = "editgate.shard";
}
