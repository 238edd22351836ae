package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.editgate.model.weights.WeightStore;
import dev.editgate.testing.Shared;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In-place edits, snapshot/restore and the content hash, on stories260k. */
class WeightStoreTest {

    @Test
    void editsAreSeenByTheForwardPassAndRestoreIsExact() {
        try (LanguageModel model = Models.load(Shared.stories260k(), "float32", "cpu")) {
            WeightStore w = model.weights();
            String name = "model.layers.2.mlp.down_proj.weight";
            assertThat(w.get(name).getShape().getShape()).containsExactly(64, 172);
            String pristine = w.contentHash();
            try (NDManager m = model.manager().newSubManager();
                    WeightStore.Snapshot snap = w.snapshot(List.of(name))) {
                NDArray before =
                        model.forward(m, TokenBatch.of(1, 403, 407), Interventions.none()).logits();
                w.set(name, w.get(name).mul(1.5f));
                assertThat(w.contentHash()).isNotEqualTo(pristine);
                NDArray after =
                        model.forward(m, TokenBatch.of(1, 403, 407), Interventions.none()).logits();
                assertThat(after.sub(before).abs().max().getFloat()).isGreaterThan(1e-4f);
                w.restore(snap);
                assertThat(w.contentHash()).isEqualTo(pristine);
                NDArray restored =
                        model.forward(m, TokenBatch.of(1, 403, 407), Interventions.none()).logits();
                assertThat(restored.sub(before).abs().max().getFloat()).isZero();
            }
        }
    }

    @Test
    void hashIsStableAcrossLoadsAndNamesAreHuggingFaces() {
        try (LanguageModel a = Models.load(Shared.stories260k(), "float32", "cpu");
                LanguageModel b = Models.load(Shared.stories260k(), "float32", "cpu")) {
            assertThat(a.weights().contentHash()).isEqualTo(b.weights().contentHash()).hasSize(64);
            assertThat(a.weights().names())
                    .hasSize(47)
                    .contains("model.embed_tokens.weight", "model.norm.weight");
            assertThatThrownBy(() -> a.weights().get("model.layers.9.mlp.down_proj.weight"))
                    .hasMessageContaining("model.layers.9.mlp.down_proj.weight");
            assertThatThrownBy(
                            () ->
                                    a.weights()
                                            .set(
                                                    "model.norm.weight",
                                                    a.weights().get("model.embed_tokens.weight")))
                    .hasMessageContaining("shape");
        }
    }
}
