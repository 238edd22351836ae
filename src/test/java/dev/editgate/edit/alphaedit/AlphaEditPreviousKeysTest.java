package dev.editgate.edit.alphaedit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.MlpProjection;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.weights.Checkpoint;
import dev.editgate.model.weights.WeightStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * K_p, AlphaEdit's accumulated keys of earlier edits (K_p K_pᵀ per critical layer), belongs to the
 * weights those edits left: edits in a row add up, and when the model is restored to pristine the
 * next edit starts from zero again (the reference's {@code reset_cache}), so it writes what the
 * same edit writes into a fresh model.
 */
class AlphaEditPreviousKeysTest {
    private static final String FIXTURE = "llama-gqa-3l";

    private static double maxAbsDiff(NDArray a, NDArray b) {
        return a.toType(DataType.FLOAT64, false)
                .sub(b.toType(DataType.FLOAT64, false))
                .abs()
                .max()
                .getDouble();
    }

    private static double maxAbs(NDArray a) {
        return a.toType(DataType.FLOAT64, false).abs().max().getDouble();
    }

    private static List<EditRequest> batch(JsonNode requests) {
        List<EditRequest> out = new ArrayList<>();
        requests.forEach(
                q ->
                        out.add(
                                EditRequest.of(
                                        q.get("prompt").asText(),
                                        q.get("subject").asText(),
                                        q.get("target_new").asText())));
        return out;
    }

    @Test
    void previousKeysAccumulateAndAreResetWhenTheModelIsRestoredToPristine() throws Exception {
        Path dir = AlphaEditParityTest.resource("/dev/editgate/edit/alphaedit/parity/" + FIXTURE);
        JsonNode exp = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        AlphaEditHyperparameters hp = AlphaEditParityTest.hyperparameters(exp);
        int layer = hp.layers().get(0);
        List<EditRequest> first = batch(exp.get("batches").get(0));
        List<EditRequest> second = batch(exp.get("batches").get(1));
        try (LanguageModel model =
                        Models.load(AlphaEditParityTest.fixtureDir(FIXTURE), "float32", "cpu");
                NDManager m = model.manager().newSubManager();
                Checkpoint want = Checkpoint.open(dir.resolve("expected.safetensors"));
                WeightStore.Snapshot pristine = model.weights().journal()) {
            Map<Integer, NDArray> moments =
                    AlphaEditParityTest.moments(FIXTURE, want, hp.layers(), m);
            String name = MlpProjection.of(model, layer).weightName();
            String pristineHash = model.weights().contentHash();
            try (AlphaEditMethod method = new AlphaEditMethod(model, hp, moments)) {
                assertThat(method.previousKeys(layer)).isNull();
                method.apply(model, first);
                NDArray afterFirst = method.previousKeys(layer).duplicate();
                afterFirst.attach(m);
                NDArray firstWeights = model.weights().get(name).duplicate();
                firstWeights.attach(m);
                assertThat(maxAbs(afterFirst)).isGreaterThan(0);

                // in a row: K_p K_pᵀ grows by the second batch's keys
                method.apply(model, second);
                NDArray afterSecond = method.previousKeys(layer);
                assertThat(maxAbsDiff(afterSecond, afterFirst))
                        .isGreaterThan(1e-3 * maxAbs(afterFirst));
                assertThat(afterSecond.sub(afterFirst).getShape()).isEqualTo(afterFirst.getShape());

                // restored to pristine: the next edit starts from an empty K_p
                model.weights().restore(pristine);
                assertThat(model.weights().contentHash()).isEqualTo(pristineHash);
                method.apply(model, first);
                assertThat(maxAbsDiff(method.previousKeys(layer), afterFirst))
                        .as("K_p K_pᵀ after restoring and editing the first batch again")
                        .isLessThanOrEqualTo(1e-9 * maxAbs(afterFirst));
                assertThat(maxAbsDiff(model.weights().get(name), firstWeights))
                        .as("the weights that edit writes, against the first time")
                        .isLessThanOrEqualTo(1e-6 * maxAbs(firstWeights));
            }
        }
    }
}
