package dev.editgate.engine;

import dev.editgate.edit.EditEnvironment;
import dev.editgate.model.pull.ModelCache;
import dev.editgate.report.RunDirectory;
import dev.editgate.scenario.Variables;
import dev.editgate.stats.Bootstrap;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's settings ({@link Constants}), read once at discovery from JUnit configuration
 * parameters and kept on the engine descriptor for the run.
 *
 * @param suitesRoot folder scanned for suite files when a unique id must be resolved to a file
 * @param reportsDir where {@code <run-id>/} goes
 * @param baselinesDir the on-disk baseline cache
 * @param runId this run's id: the resumed run's id, or {@code editgate.run.id}, or a timestamp
 * @param resume whether {@link #runId} names an earlier run to complete
 * @param logSummary whether to log the summary table when the run ends
 * @param bootstrap the resampling of verdict intervals
 * @param shared the shared data folder ({@code ${editgate.shared}})
 * @param modelCacheDir the pulled-models cache ({@code ${editgate.models}} is its {@code models})
 * @param presetsRoot the hyperparameter presets' root
 * @param statsDir the second-moment statistics cache
 * @param editLoader class name of an {@link EditStreamLoader} to read edits with, or null
 * @param shard the part of the selected scenarios this run runs, or null for all
 */
public record EngineConfig(
        Path suitesRoot,
        Path reportsDir,
        Path baselinesDir,
        String runId,
        boolean resume,
        boolean logSummary,
        Bootstrap bootstrap,
        Path shared,
        Path modelCacheDir,
        Path presetsRoot,
        Path statsDir,
        String editLoader,
        Shard shard) {

    static EngineConfig from(ConfigurationParameters params) {
        Optional<String> resume =
                params.get(Constants.RESUME).map(String::trim).filter(s -> !s.isEmpty());
        String runId =
                resume.or(() -> params.get(Constants.RUN_ID))
                        .orElseGet(
                                () ->
                                        LocalDateTime.now()
                                                .format(
                                                        DateTimeFormatter.ofPattern(
                                                                "yyyyMMdd-HHmmss")));
        Function<String, Path> path = key -> params.get(key).map(Path::of).orElse(null);
        return new EngineConfig(
                Path.of(params.get(Constants.SUITES_ROOT).orElse(Constants.SUITES_ROOT_DEFAULT)),
                Path.of(params.get(Constants.REPORTS_DIR).orElse(Constants.REPORTS_DIR_DEFAULT)),
                Path.of(
                        params.get(Constants.BASELINES_DIR)
                                .orElse(Constants.BASELINES_DIR_DEFAULT)),
                runId,
                resume.isPresent(),
                params.getBoolean(Constants.LOG_SUMMARY).orElse(true),
                new Bootstrap(
                        params.get(Constants.BOOTSTRAP_REPLICATES, Integer::parseInt)
                                .orElse(Bootstrap.DEFAULT_REPLICATES),
                        params.get(Constants.BOOTSTRAP_SEED, Long::parseLong)
                                .orElse(Bootstrap.DEFAULT_SEED)),
                Path.of(params.get(Constants.SHARED).orElse(Constants.SHARED_DEFAULT)),
                Optional.ofNullable(path.apply(Constants.MODEL_CACHE))
                        .orElseGet(() -> ModelCache.standard().root()),
                Path.of(params.get(Constants.PRESETS).orElse(Constants.PRESETS_DEFAULT)),
                Path.of(params.get(Constants.STATS).orElse(Constants.STATS_DEFAULT)),
                params.get(Constants.EDIT_LOADER).orElse(null),
                params.get(Constants.SHARD)
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .map(Shard::parse)
                        .orElse(null));
    }

    /**
     * The same settings from system properties alone, for commands that run outside the engine
     * ({@code ./editgate bench}, {@code models}).
     */
    public static EngineConfig fromSystemProperties() {
        return fromSystemProperties(Map.of());
    }

    /**
     * As {@link #fromSystemProperties()}, with {@code overrides} (a command's options) before the
     * system properties.
     */
    public static EngineConfig fromSystemProperties(Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(System.getProperties());
        overrides.forEach(p::setProperty);
        return from(
                new ConfigurationParameters() {
                    @Override
                    public Optional<String> get(String key) {
                        return Optional.ofNullable(p.getProperty(key));
                    }

                    @Override
                    public Optional<Boolean> getBoolean(String key) {
                        return get(key).map(Boolean::parseBoolean);
                    }

                    @Override
                    @SuppressWarnings("deprecation")
                    public int size() {
                        return p.size();
                    }

                    @Override
                    public Set<String> keySet() {
                        return p.stringPropertyNames();
                    }
                });
    }

    /** {@code ${editgate.shared}}, {@code ${editgate.models}} and {@code ${env.NAME}}. */
    public Variables variables() {
        return new Variables(shared, modelCache().modelsRoot(), System::getenv);
    }

    /** The pulled-models cache. */
    public ModelCache modelCache() {
        return new ModelCache(modelCacheDir);
    }

    /** Where editing methods find presets, variables and the statistics cache. */
    public EditEnvironment editEnvironment() {
        return new EditEnvironment(presetsRoot, variables(), statsDir);
    }

    /** This run's report folder, {@code <reportsDir>/<runId>/}. */
    public RunDirectory runDirectory() {
        return RunDirectory.of(reportsDir, runId);
    }
}
