package dev.editgate.edit.memit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.Score;
import dev.editgate.bench.edits.EditMetricProviders;
import dev.editgate.edit.EditContexts;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.data.EditDatasets;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.pull.ModelCache;
import dev.editgate.model.weights.WeightStore;
import dev.editgate.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MEMIT criterion on a model that knows facts: one batch of ten ZsRE edits into
 * SmolLM2-135M-Instruct with the {@code smollm2-135m} preset reaches 90% reliability. Part of the
 * default run (CI pulls the model): about 5 min on a 2-core CPU for ten value optimisations, plus
 * about 5 min once for the second moments of five layers, cached in {@code .editgate/stats}.
 * Skipped when {@code ./editgate models pull smollm2-135m} has not been run. The preset's update
 * weight is scaled to the model's MLP width (see {@code hparams/memit/smollm2-135m.yaml}); with
 * EasyEdit's 15000 this test got 0.37.
 */
class MemitSmolLm2Test {
    private static final Logger LOG = LoggerFactory.getLogger(MemitSmolLm2Test.class);

    @Test
    void batchOfTenZsreEditsReachesNinetyPercentReliability() {
        ModelCache cache = ModelCache.standard();
        assumeTrue(cache.isPulled("smollm2-135m"), "smollm2-135m is not pulled");
        Path zsre = Shared.require("data/zsre/zsre_mend_train-1k.json");
        List<EditRequest> edits = EditDatasets.load(zsre, "zsre").subList(0, 10);
        try (LanguageModel model = Models.load(cache.modelDir("smollm2-135m"), "float32", "cpu")) {
            WeightStore.Snapshot pristine =
                    model.weights()
                            .snapshot(
                                    List.of(3, 4, 5, 6, 7).stream()
                                            .map(l -> "model.layers." + l + ".mlp.down_proj.weight")
                                            .toList());
            String hash = model.weights().contentHash();
            var reliability = new EditMetricProviders.Reliability().create(Map.of(), Path.of("."));
            EvalContext ctx = EditContexts.of(edits, List.of());
            double before = reliability.evaluate(model, ctx).value();
            try (EditMethod memit =
                    new MemitProvider().create(model, Map.of("preset", "smollm2-135m"))) {
                memit.apply(model, edits);
            }
            Score after = reliability.evaluate(model, ctx);
            LOG.info(
                    "MEMIT on SmolLM2, 10 ZsRE edits: reliability {} before, {} after",
                    before,
                    after.value());
            after.items()
                    .forEach(
                            i ->
                                    LOG.info(
                                            "  {} -> {} (got {}): {}",
                                            i.prompt(),
                                            i.reference(),
                                            i.prediction(),
                                            i.score()));
            assertThat(after.value()).isGreaterThanOrEqualTo(0.9);
            model.weights().restore(pristine);
            pristine.close();
            assertThat(model.weights().contentHash()).isEqualTo(hash);
        }
    }
}
