package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.testing.Shared;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GenerationTest {

    @Test
    void samplingFollowsTemperatureAndTopP() {
        float[] logits = {2f, 1f, 0f, -1f};
        Random r = new Random(1);
        int[] counts = new int[4];
        GenerationConfig t1 = new GenerationConfig(1, 1.0, 1.0, 0, List.of());
        for (int i = 0; i < 20000; i++) {
            counts[Generation.sample(logits, t1, r)]++;
        }
        double z = Math.exp(2) + Math.exp(1) + 1 + Math.exp(-1);
        assertThat(counts[0] / 20000.0)
                .isCloseTo(Math.exp(2) / z, org.assertj.core.data.Offset.offset(0.02));
        assertThat(counts[3] / 20000.0)
                .isCloseTo(Math.exp(-1) / z, org.assertj.core.data.Offset.offset(0.01));
        // top-p 0.7 keeps the two most likely tokens (0.64 + 0.24 reaches 0.7)
        GenerationConfig nucleus = new GenerationConfig(1, 1.0, 0.7, 0, List.of());
        for (int i = 0; i < 2000; i++) {
            assertThat(Generation.sample(logits, nucleus, r)).isIn(0, 1);
        }
        assertThat(Generation.argmax(new float[] {1f, 3f, 3f})).isEqualTo(1);
        assertThat(Generation.cutAtStop("a, b\nc", List.of("\n", ","))).isEqualTo("a");
    }

    @Test
    void seededSamplingIsReproducibleAndDiffersFromGreedy() {
        try (LanguageModel model = Models.load(Shared.stories260k(), "float32", "cpu")) {
            GenerationConfig hot = new GenerationConfig(40, 1.5, 1.0, 42, List.of());
            String a = model.generate(List.of("Once upon a time"), hot).get(0);
            String b = model.generate(List.of("Once upon a time"), hot).get(0);
            String greedy =
                    model.generate(List.of("Once upon a time"), GenerationConfig.greedy(40)).get(0);
            assertThat(a).isEqualTo(b).isNotEqualTo(greedy);
            GenerationConfig cold = new GenerationConfig(40, 1e-4, 1.0, 7, List.of());
            assertThat(model.generate(List.of("Once upon a time"), cold).get(0)).isEqualTo(greedy);
        }
    }

    @Test
    void sharedPrefixNeedsTwoPromptsSixteenTokensAndALastTokenEach() {
        int[] a = new int[20];
        int[] b = new int[20];
        for (int i = 0; i < 20; i++) {
            a[i] = i;
            b[i] = i < 18 ? i : 100 + i;
        }
        assertThat(Generation.sharedPrefix(List.of(a, b))).isEqualTo(18);
        assertThat(Generation.sharedPrefix(List.of(a, a.clone())))
                .isEqualTo(19); // one token left each
        assertThat(Generation.sharedPrefix(List.of(a))).isZero();
        assertThat(Generation.sharedPrefix(List.of(a, java.util.Arrays.copyOf(b, 10)))).isZero();
    }

    /**
     * A few-shot prefix computed once and repeated over the batch gives what each prompt alone
     * gives.
     */
    @Test
    void batchWithSharedPrefixGeneratesAsEachPromptAlone() {
        try (LanguageModel model = Models.load(Shared.stories260k(), "float32", "cpu")) {
            String shots =
                    "Once upon a time there was a little girl named Lily. She liked to play outside. ";
            List<String> prompts =
                    List.of(
                            shots + "One day",
                            shots + "Her mom said",
                            shots + "Then a big dog came and");
            List<int[]> ids = prompts.stream().map(p -> model.tokenizer().encode(p)).toList();
            assertThat(Generation.sharedPrefix(ids))
                    .isGreaterThanOrEqualTo(Generation.MIN_SHARED_PREFIX);
            GenerationConfig greedy = GenerationConfig.greedy(30);
            List<String> batched = model.generate(prompts, greedy);
            for (int i = 0; i < prompts.size(); i++) {
                assertThat(batched.get(i))
                        .isEqualTo(model.generate(List.of(prompts.get(i)), greedy).get(0));
            }
        }
    }
}
