package dev.editgate.edit.mend;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.WeightStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An untrained MEND (every transform the identity, normalisation off) is one plain gradient step
 * with the initial edit learning rate: {@code W ← W + edit_lr · ∂L/∂W}. The sign is the reference's
 * ({@code p + lr * g}); training learns the direction through the edit learning rates and the
 * network. The edit goes through {@code method: mend} with a written archive, and the weight
 * journal restores the model exactly.
 */
class UntrainedMendTest {
    static final double EDIT_LR = 1e-3;

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2"})
    void identityMendIsOneGradientStepWithTheInitialLearningRate(
            String fixture, @TempDir Path dir) {
        try (LanguageModel model = MendFixtures.load(fixture);
                NDManager scope = model.manager().newSubManager()) {
            EditRequest edit = MendFixtures.records(5, 1).get(0);
            List<MendMatrix> matrices = MendMatrix.mlp(model, MendMatrix.lastLayers(model, 3));
            String pristine = model.weights().contentHash();
            try (MendNetwork net =
                    MendNetwork.initial(
                            matrices,
                            new MendConfig(1, 1920, false, EDIT_LR),
                            7,
                            model.manager())) {
                MendArchive.write(
                        dir, net, Map.of("content_sha256", pristine), Map.of(), Set.of(), Set.of());
            }

            TargetBatch batch =
                    TargetBatch.of(
                            model.tokenizer(), List.of(edit.prompt()), List.of(edit.target()));
            Map<String, NDArray> before = new LinkedHashMap<>();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (MendMatrix m : matrices) {
                NDArray w = model.weights().get(m.name());
                before.put(m.name(), w.duplicate());
                w.setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                var r = model.forward(scope, batch.tokens, Interventions.none());
                gc.backward(batch.logProbs(batch.picked(r.logits(), scope), scope).mean().neg());
            }
            for (MendMatrix m : matrices) {
                NDArray w = model.weights().get(m.name());
                NDArray g = w.getGradient().duplicate();
                g.attach(scope);
                grads.put(m.name(), g);
                w.setRequiresGradient(false);
            }

            WeightStore.Snapshot journal = model.weights().journal();
            AppliedEdit applied;
            try (EditMethod mend =
                    new MendProvider().create(model, Map.of("archive", dir.toString()))) {
                applied = mend.apply(model, List.of(edit));
            }
            assertThat(applied.changedTensors())
                    .containsExactlyElementsOf(matrices.stream().map(MendMatrix::name).toList());
            for (MendMatrix m : matrices) {
                NDArray change = model.weights().get(m.name()).sub(before.get(m.name()));
                NDArray step = grads.get(m.name()).mul(EDIT_LR);
                change.attach(scope);
                step.attach(scope);
                float scale = step.abs().max().getFloat();
                assertThat(scale).as(m.name()).isPositive();
                assertThat(change.sub(step).abs().max().getFloat())
                        .as(m.name() + ": W' − W against edit_lr · ∂L/∂W")
                        .isLessThan(1e-4f * scale);
            }
            assertThat(model.weights().contentHash()).isNotEqualTo(pristine);
            model.weights().restore(journal);
            journal.close();
            assertThat(model.weights().contentHash()).isEqualTo(pristine);
            before.values().forEach(NDArray::close);
        }
    }
}
