package dev.editgate.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Stories260kCheckpointTest {

    @Test
    void readsTheSharedStories260kCheckpoint() {
        Path dir = dev.editgate.testing.Shared.require("models/stories260k");
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            assertThat(ckpt.tensors()).hasSize(47);
            assertThat(ckpt.tensors().values()).allMatch(t -> t.dtype() == TensorDType.F32);
            assertThat(ckpt.tensor("model.embed_tokens.weight").shape()).containsExactly(512, 64);
            assertThat(ckpt.tensor("model.layers.0.mlp.down_proj.weight").shape())
                    .containsExactly(64, 172);
            assertThat(ckpt.tensor("model.norm.weight").shape()).containsExactly(64);
            assertThat(ckpt.contains("lm_head.weight")).isFalse();
            assertThat(ckpt.metadata()).containsEntry("format", "pt");

            float[] embed = ckpt.readFloats("model.embed_tokens.weight");
            assertThat(embed).hasSize(512 * 64);
            ByteBuffer raw = ckpt.readRaw("model.embed_tokens.weight");
            assertThat(raw.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(raw.getFloat(4 * 1000)).isEqualTo(embed[1000]);
            assertThat(ckpt.totalBytes())
                    .isEqualTo(
                            ckpt.tensors().values().stream()
                                    .mapToLong(t -> t.elementCount() * 4)
                                    .sum());
            double norm = 0;
            for (float v : ckpt.readFloats("model.norm.weight")) {
                norm += Math.abs(v);
            }
            assertThat(norm).as("a trained RMSNorm weight is not all zeros").isGreaterThan(1);
        }
    }
}
