package dev.editgate.engine;

import dev.editgate.model.LanguageModel;
import dev.editgate.scenario.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads each model once per run (per folder, dtype and device) and shares it between suites; closed
 * when the run ends.
 */
final class ModelPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPool.class);

    private final Function<ModelSpec, LanguageModel> loader;
    private final Map<String, PooledModel> models = new LinkedHashMap<>();

    ModelPool(Function<ModelSpec, LanguageModel> loader) {
        this.loader = loader;
    }

    /** The model for {@code spec}, loaded on first use; reset to its pristine weights. */
    synchronized PooledModel acquire(ModelSpec spec) {
        PooledModel pooled = models.get(spec.poolKey());
        if (pooled == null) {
            long start = System.nanoTime();
            LanguageModel model = loader.apply(spec);
            pooled = new PooledModel(spec.poolKey(), model);
            models.put(spec.poolKey(), pooled);
            LOG.info(
                    "loaded {} ({}, {}) in {} ms; pristine hash {}",
                    spec.path(),
                    spec.dtype(),
                    spec.device(),
                    (System.nanoTime() - start) / 1_000_000,
                    pooled.pristineHash().substring(0, 12));
        }
        return pooled;
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (PooledModel m : models.values()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        models.clear();
        if (first != null) {
            throw first;
        }
    }
}
