package dev.editgate.edit.rome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.edit.EditException;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTokens;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.Stories260k;
import dev.editgate.model.Site;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ROME on stories260k with the {@code stories260k} preset (layer 2, C⁻¹ from TinyStories). */
class RomeStories260kTest {
    static final String PROMPT = "Lily's favorite toy was a";
    static final EditRequest KITE = EditRequest.of(PROMPT, "Lily's favorite toy", " kite");
    static Stories260k s;

    @BeforeAll
    static void load() {
        s = Stories260k.load();
    }

    @AfterAll
    static void close() {
        if (s != null) {
            s.close();
        }
    }

    @AfterEach
    void reset() {
        s.reset();
    }

    static RomeMethod method(Map<String, Object> overrides) {
        Map<String, Object> hp = new java.util.HashMap<>(overrides);
        hp.put("preset", "stories260k");
        return (RomeMethod) new RomeProvider().create(s.model, hp);
    }

    @Test
    void romeEditBecomesTheGreedyContinuationThroughARankOneUpdate() {
        int[] target = EditTokens.target(s.model.tokenizer(), PROMPT, KITE.target());
        for (int i = 0; i < s.prompts.size(); i++) {
            assertThat(s.greedy(s.prompts.get(i), 10))
                    .as("pristine prompt %d", i)
                    .containsExactly(s.golden(i, 10));
        }
        RomeMethod rome = method(Map.of());
        MlpProjection proj = MlpProjection.of(s.model, 2);
        try (NDManager m = s.model.manager().newSubManager()) {
            NDArray before = proj.outIn(s.model, m); // [H, I]
            RomeUpdate u = rome.computeUpdate(s.model, KITE, m);
            proj.addInPlace(s.model, u.delta());
            NDArray after = proj.outIn(s.model, m);
            NDArray dw = after.sub(before);
            assertThat(RankOneUpdateTest.rankOneResidual(dw))
                    .as("rank-one residual")
                    .isLessThan(1e-4);
            // (W + ΔW) k = v at the subject's last token of the plain prompt
            NDArray mapped =
                    after.toType(DataType.FLOAT64, false)
                            .matMul(u.key().toType(DataType.FLOAT64, false).reshape(-1, 1))
                            .reshape(-1);
            double err =
                    mapped.sub(u.value().toType(DataType.FLOAT64, false)).abs().max().getDouble();
            assertThat(err).as("max |W'k - v|").isLessThan(1e-4);
            NDArray out =
                    dev.editgate.edit.SubjectActivations.at(
                                    s.model,
                                    Site.mlpOut(2),
                                    List.of(PROMPT),
                                    List.of(KITE.subject()),
                                    m)
                            .reshape(-1);
            assertThat(out.sub(u.value()).abs().max().getFloat()).isLessThan(1e-4f);
        }
        int[] continuation = s.greedy(PROMPT, target.length);
        assertThat(continuation).as("greedy continuation after the edit").containsExactly(target);
        for (int i = 0; i < s.prompts.size(); i++) {
            if (!s.prompts.get(i).equals(PROMPT)) {
                assertThat(s.greedy(s.prompts.get(i), 10))
                        .as("other prompt %d", i)
                        .containsExactly(s.golden(i, 10));
            }
        }
    }

    @Test
    void applyWritesOnlyTheRewrittenLayerAndRestoringGivesThePristineHash() {
        try (EditMethod rome = method(Map.of("v_num_grad_steps", 5))) {
            var applied = rome.apply(s.model, List.of(KITE));
            assertThat(applied.changedTensors())
                    .containsExactly("model.layers.2.mlp.down_proj.weight");
            assertThat(s.model.weights().contentHash()).isNotEqualTo(s.pristineHash);
        }
        s.reset();
        assertThat(s.model.weights().contentHash()).isEqualTo(s.pristineHash);
    }

    @Test
    void badRequestsFailClearlyAndLeaveTheModelAsItWas() {
        try (EditMethod rome = method(Map.of("v_num_grad_steps", 3))) {
            assertThatThrownBy(
                            () -> rome.apply(s.model, List.of(EditRequest.of(PROMPT, "Lily", " "))))
                    .isInstanceOf(EditException.class)
                    .hasMessageContaining("empty target");
            assertThatThrownBy(
                            () ->
                                    rome.apply(
                                            s.model,
                                            List.of(EditRequest.of(PROMPT, "Tom", " kite"))))
                    .isInstanceOf(EditException.class)
                    .hasMessageContaining("subject \"Tom\" does not occur in the prompt");
            // a valid first request must be rolled back when the second fails
            assertThatThrownBy(
                            () ->
                                    rome.apply(
                                            s.model,
                                            List.of(KITE, EditRequest.of("Tom went", "Tom", ""))))
                    .isInstanceOf(EditException.class);
        }
        try (EditMethod far = method(Map.of("layers", List.of(7)))) {
            assertThatThrownBy(() -> far.apply(s.model, List.of(KITE)))
                    .isInstanceOf(EditException.class)
                    .hasMessageContaining("layer 7 is out of range: the model has 5 layers");
        }
        // NaN inside the optimisation: an adaptor poisons the last layer's MLP output
        var poison = s.model.addAdaptor(Site.mlpOut(4), (site, a, b) -> a.mul(Float.NaN));
        try (EditMethod rome = method(Map.of("v_num_grad_steps", 3))) {
            assertThatThrownBy(() -> rome.apply(s.model, List.of(KITE)))
                    .isInstanceOf(EditException.class)
                    .hasMessageContaining("non-finite");
        } finally {
            poison.close();
        }
        assertThat(s.model.weights().contentHash()).isEqualTo(s.pristineHash);
    }
}
