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
        Sampler t1 = new Sampler.TopP(1.0, 1.0, r);
        for (int i = 0; i < 20000; i++) {
            counts[t1.next(logits)]++;
        }
        double z = Math.exp(2) + Math.exp(1) + 1 + Math.exp(-1);
        assertThat(counts[0] / 20000.0)
                .isCloseTo(Math.exp(2) / z, org.assertj.core.data.Offset.offset(0.02));
        assertThat(counts[3] / 20000.0)
                .isCloseTo(Math.exp(-1) / z, org.assertj.core.data.Offset.offset(0.01));
        // top-p 0.7 keeps the two most likely tokens (0.64 + 0.24 reaches 0.7)
        Sampler nucleus = new Sampler.TopP(1.0, 0.7, r);
        for (int i = 0; i < 2000; i++) {
            assertThat(nucleus.next(logits)).isIn(0, 1);
        }
        assertThat(Sampler.ARGMAX.next(new float[] {1f, 3f, 3f})).isEqualTo(1);
        assertThat(Sampler.of(GenerationConfig.greedy(1))).isSameAs(Sampler.ARGMAX);
        assertThat(Sampler.of(new GenerationConfig(1, 0.8, 0.9, 3, List.of())))
                .isInstanceOf(Sampler.TopP.class);
        assertThat(Generation.cutAtStop("a, b\nc", List.of("\n", ","))).isEqualTo("a");
    }

    /**
     * The unboxed stable sort orders tokens as the boxed {@code Arrays.sort(Integer[])} it replaced
     * did, so every seeded draw is the same token: vocabularies with many ties, both sizes around
     * the insertion-sort cut-off, several temperatures and top-p values.
     */
    @Test
    void topPDrawsWhatTheBoxedSortDrew() {
        Random gen = new Random(11);
        for (int v : new int[] {1, 2, 15, 16, 17, 33, 500, 4099}) {
            for (double temperature : new double[] {0.3, 1.0, 1.7}) {
                for (double topP : new double[] {0.05, 0.7, 0.95, 1.0}) {
                    float[][] rows = new float[20][v];
                    for (float[] row : rows) {
                        for (int i = 0; i < v; i++) {
                            row[i] = gen.nextInt(7) - 3 + (gen.nextBoolean() ? 0f : 0.25f);
                        }
                    }
                    Sampler unboxed = new Sampler.TopP(temperature, topP, new Random(5));
                    Random boxedRandom = new Random(5);
                    for (float[] row : rows) {
                        assertThat(unboxed.next(row))
                                .isEqualTo(boxed(row, temperature, topP, boxedRandom));
                    }
                }
            }
        }
    }

    /** Sampling as it was before {@link Sampler}: indices boxed and sorted by a comparator. */
    private static int boxed(float[] logits, double temperature, double topP, Random random) {
        int v = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float f : logits) {
            max = Math.max(max, f);
        }
        double[] p = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        Integer[] order = new Integer[v];
        for (int i = 0; i < v; i++) {
            order[i] = i;
            p[i] /= sum;
        }
        java.util.Arrays.sort(order, (a, c) -> Double.compare(p[c], p[a]));
        double kept = 0;
        int n = 0;
        while (n < v && (n == 0 || kept < topP)) {
            kept += p[order[n++]];
        }
        double r = random.nextDouble() * kept;
        for (int i = 0; i < n; i++) {
            r -= p[order[i]];
            if (r <= 0) {
                return order[i];
            }
        }
        return order[n - 1];
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
