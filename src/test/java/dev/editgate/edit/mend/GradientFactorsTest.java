package dev.editgate.edit.mend;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.nn.HostArrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MEND's rank-one factors: Σ_t δ_t u_tᵀ over the kept token rows is the full gradient of the edit
 * loss with respect to each edited matrix, in every family's layout (GPT-2's Conv1D included).
 */
class GradientFactorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2", "gptj", "gpt-neox", "gemma3", "qwen2"})
    void factorsSumToTheFullGradient(String fixture) {
        try (LanguageModel model = MendFixtures.load(fixture);
                NDManager scope = model.manager().newSubManager()) {
            List<MendMatrix> matrices = MendMatrix.mlp(model, MendMatrix.lastLayers(model, 3));
            assertThat(matrices).hasSizeGreaterThanOrEqualTo(2 * model.numLayers());
            List<EditRequest> recs = MendFixtures.records(0, 3); // a padded batch of three
            TargetBatch batch =
                    TargetBatch.of(
                            model.tokenizer(),
                            recs.stream().map(EditRequest::prompt).toList(),
                            recs.stream().map(EditRequest::target).toList());
            GradientFactors f = GradientFactors.compute(model, matrices, batch);

            for (MendMatrix m : matrices) {
                model.weights().get(m.name()).setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                var r = model.forward(scope, batch.tokens, Interventions.none());
                NDArray loss = batch.logProbs(batch.picked(r.logits(), scope), scope).mean().neg();
                assertThat((double) loss.getFloat())
                        .isCloseTo(f.loss, org.assertj.core.data.Offset.offset(1e-6));
                gc.backward(loss);
            }
            for (int i = 0; i < matrices.size(); i++) {
                MendMatrix m = matrices.get(i);
                NDArray full = model.weights().get(m.name()).getGradient();
                full.attach(scope);
                NDArray u = HostArrays.of(scope, f.u(i).data(), new Shape(f.u(i).rows(), m.in()));
                NDArray d =
                        HostArrays.of(
                                scope, f.delta(i).data(), new Shape(f.delta(i).rows(), m.out()));
                NDArray sum = m.conv1d() ? u.transpose().matMul(d) : d.transpose().matMul(u);
                assertThat(sum.getShape()).isEqualTo(full.getShape());
                float scale = full.abs().max().getFloat();
                float diff = sum.sub(full).abs().max().getFloat();
                assertThat(scale).as(m.name()).isPositive();
                assertThat(diff)
                        .as(m.name() + " max |Σδuᵀ − ∂L/∂W|")
                        .isLessThan(1e-5f * scale + 1e-8f);
                // padding and the last position carry no gradient: fewer rows than B × T
                assertThat(f.u(i).rows()).isLessThan(batch.size() * batch.tokens.width());
            }
        }
    }
}
