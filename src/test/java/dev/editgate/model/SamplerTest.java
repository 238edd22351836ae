package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Top-k sampling as {@code torch.topk} + renormalise + {@code torch.multinomial}. */
class SamplerTest {

    @Test
    void topKDrawsOnlyTheKMostLikelyInProportion() {
        // probabilities ∝ exp(logit): the top 3 are indices 4 (e^3), 1 (e^2), 2 and 5 tie (e^1)
        float[] logits = {0, 2, 1, -5, 3, 1, 0.5f};
        Sampler s = new Sampler.TopK(1.0, 3, new Random(1));
        int n = 200_000;
        int[] counts = new int[logits.length];
        for (int i = 0; i < n; i++) {
            counts[s.next(logits)]++;
        }
        // the tie between 2 and 5 goes to the lower index, as torch.topk on CPU
        assertThat(counts[5]).isZero();
        assertThat(counts[0] + counts[3] + counts[6]).isZero();
        double z = Math.exp(3) + Math.exp(2) + Math.exp(1);
        assertThat(counts[4] / (double) n).isCloseTo(Math.exp(3) / z, within(0.005));
        assertThat(counts[1] / (double) n).isCloseTo(Math.exp(2) / z, within(0.005));
        assertThat(counts[2] / (double) n).isCloseTo(Math.exp(1) / z, within(0.005));
    }

    @Test
    void topKOfOneIsArgmaxAndTheConfigSaysWhichSamplerRuns() {
        float[] logits = {0.1f, 0.9f, 0.3f};
        Sampler one = new Sampler.TopK(1.0, 1, new Random(7));
        for (int i = 0; i < 100; i++) {
            assertThat(one.next(logits)).isEqualTo(1);
        }
        assertThat(Sampler.of(GenerationConfig.topK(4, 5, 1))).isInstanceOf(Sampler.TopK.class);
        assertThat(Sampler.of(new GenerationConfig(4, 1.0, 0.9, 1, List.of())))
                .isInstanceOf(Sampler.TopP.class);
        assertThat(Sampler.of(GenerationConfig.greedy(4))).isSameAs(Sampler.ARGMAX);
        assertThatThrownBy(() -> new GenerationConfig(4, 1.0, 0.9, 1, List.of(), null, 5))
                .hasMessageContaining("choose one");
    }
}
