package dev.editgate.engine;

import dev.editgate.report.MeasurementKey;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything shared by one execution of the engine: configuration, providers, the model pool, the
 * baseline cache and the results file (with what a resumed run recorded before).
 */
final class RunState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunState.class);

    final EngineConfig config;
    final EngineServices services;
    final ProviderCatalog catalog;
    final ModelPool models;
    final BaselineStore baselines;
    final ResultStore results;
    private final Map<MeasurementKey, ResultRecord> recorded = new LinkedHashMap<>();

    RunState(EngineConfig config, EngineServices services, ProviderCatalog catalog) {
        this.config = config;
        this.services = services;
        this.catalog = catalog;
        this.models =
                new ModelPool(
                        spec -> {
                            services.progress().loadingModel(spec.path().toString());
                            return services.modelLoader().apply(spec);
                        });
        this.baselines = new BaselineStore(config.baselinesDir());
        this.results = ResultStore.open(config.runDirectory().results());
        if (config.resume()) {
            for (ResultRecord r : results.records()) {
                recorded.put(r.key(), r);
            }
            LOG.info(
                    "resuming run {}: {} measurements already recorded in {}",
                    config.runId(),
                    recorded.size(),
                    config.runDirectory().results());
        } else if (!results.records().isEmpty()) {
            LOG.warn(
                    "run {} already has {} results in {}; appending (use -D{}={} to skip them)",
                    config.runId(),
                    results.records().size(),
                    config.runDirectory().results(),
                    Constants.RESUME,
                    config.runId());
        }
    }

    /** What a resumed run already recorded for this key. */
    Optional<ResultRecord> recorded(MeasurementKey key) {
        return Optional.ofNullable(recorded.get(key));
    }

    /** Every record of the run's file so far (resumed and new). */
    List<ResultRecord> records() {
        return results.records();
    }

    @Override
    public void close() {
        try {
            results.close();
        } finally {
            models.close();
        }
    }
}
