package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows continuing a cached prefix give the logits of their whole sequences, on every family's
 * fixture (rotary, learned positions, GQA, sliding window, Gemma's scaled embeddings).
 */
class PrefixCacheTest {

    private static List<int[]> rows(Random r, int vocab, int[] prefix, int... tails) {
        List<int[]> out = new ArrayList<>();
        for (int n : tails) {
            int[] row = new int[prefix.length + n];
            System.arraycopy(prefix, 0, row, 0, prefix.length);
            for (int j = prefix.length; j < row.length; j++) {
                row[j] = 3 + r.nextInt(vocab - 3);
            }
            out.add(row);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "llama-tied-rope3", "qwen2", "gpt2", "gpt-neox", "gptj"})
    void rowsAfterACachedPrefixGiveTheirWholeSequencesLogits(String name) throws Exception {
        try (LanguageModel model = Models.load(FixtureParityTest.fixture(name), "float32", "cpu");
                PrefixCache cache = new PrefixCache(model, PrefixCache.DEFAULT_MAX_BYTES);
                NDManager m = model.manager().newSubManager()) {
            Random r = new Random(3);
            int vocab = model.config().vocabSize();
            int[] prefix = rows(r, vocab, new int[0], 24).get(0);
            for (int[] tails : new int[][] {{5, 2, 9}, {1, 7}}) {
                List<int[]> seqs = rows(r, vocab, prefix, tails);
                int p = cache.choose(seqs, 1);
                assertThat(p).isEqualTo(prefix.length);
                List<int[]> rest = new ArrayList<>();
                for (int[] s : seqs) {
                    rest.add(java.util.Arrays.copyOfRange(s, p, s.length));
                }
                TokenBatch restBatch = TokenBatch.leftPadded(rest, model.tokenizer().padId());
                NDArray cached = cache.forward(m, prefix, restBatch).logits(); // (B, T, V)
                for (int b = 0; b < seqs.size(); b++) {
                    NDArray whole =
                            model.forward(m, TokenBatch.of(seqs.get(b)), Interventions.none())
                                    .logits();
                    int n = rest.get(b).length;
                    float[] want = whole.get(new NDIndex("0, -" + n + ":, :")).toFloatArray();
                    float[] got = cached.get(new NDIndex(b + ", -" + n + ":, :")).toFloatArray();
                    assertThat(got.length).isEqualTo(want.length);
                    for (int i = 0; i < want.length; i++) {
                        assertThat((double) got[i])
                                .as("%s row %d logit %d", name, b, i)
                                .isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-4));
                    }
                }
            }
            assertThat(cache.misses()).isEqualTo(1); // computed once, continued by both batches
            assertThat(cache.hits()).isEqualTo(1);
            assertThat(cache.size()).isEqualTo(1);
            assertThat(cache.bytes()).isPositive();
        }
    }

    /** Batches of generation continue one cached prefix and generate what they generate alone. */
    @Test
    void generationBatchesContinueOneCachedPrefix() throws Exception {
        try (LanguageModel model =
                        Models.load(FixtureParityTest.fixture("llama-gqa"), "float32", "cpu");
                PrefixCache cache = new PrefixCache(model, PrefixCache.DEFAULT_MAX_BYTES)) {
            Random r = new Random(9);
            int vocab = model.config().vocabSize();
            int[] exemplars = rows(r, vocab, new int[0], 30).get(0);
            GenerationConfig greedy = GenerationConfig.greedy(6);
            for (int[] tails : new int[][] {{4, 2, 6}, {3, 5}}) {
                List<int[]> prompts = rows(r, vocab, exemplars, tails);
                List<int[]> plain = model.generateIds(prompts, greedy);
                List<int[]> cached = model.generateIds(prompts, greedy, cache);
                for (int i = 0; i < prompts.size(); i++) {
                    assertThat(cached.get(i)).as("prompt %d", i).isEqualTo(plain.get(i));
                }
            }
            assertThat(cache.misses()).isEqualTo(1);
            assertThat(cache.hits()).isEqualTo(1);
        }
    }

    /**
     * A sliding window counts columns, and the padding between a prefix and a shorter row adds
     * columns: rows longer than the window run whole.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mistral-sliding", "gemma3"})
    void slidingWindowModelsRunRowsLongerThanTheWindowWhole(String name) throws Exception {
        try (LanguageModel model = Models.load(FixtureParityTest.fixture(name), "float32", "cpu");
                PrefixCache cache = new PrefixCache(model, PrefixCache.DEFAULT_MAX_BYTES)) {
            Random r = new Random(3);
            int[] prefix = rows(r, model.config().vocabSize(), new int[0], 24).get(0);
            assertThat(cache.choose(rows(r, model.config().vocabSize(), prefix, 3, 5), 1)).isZero();
        }
    }

    @Test
    void aBatchSharingAWordMoreMeetsTheCachedExemplarsAndTheBoundEvicts() throws Exception {
        try (LanguageModel model =
                        Models.load(FixtureParityTest.fixture("llama-gqa"), "float32", "cpu");
                PrefixCache cache = new PrefixCache(model, PrefixCache.DEFAULT_MAX_BYTES);
                NDManager m = model.manager().newSubManager()) {
            Random r = new Random(5);
            int vocab = model.config().vocabSize();
            int[] exemplars = rows(r, vocab, new int[0], 40).get(0);
            int[] withWord = java.util.Arrays.copyOf(exemplars, 43);
            withWord[40] = 7;
            withWord[41] = 8;
            withWord[42] = 9;
            List<int[]> first = rows(r, vocab, withWord, 3, 4);
            assertThat(cache.choose(first, 1)).isEqualTo(43); // nothing cached yet: all in common
            cache.rows(m, first.get(0), 43, 2).close();
            List<int[]> second = rows(r, vocab, exemplars, 3, 4);
            // shares 40 tokens with the cached key: cut back to them, so later batches meet there
            assertThat(cache.choose(second, 1)).isEqualTo(40);
            List<int[]> unrelated = rows(r, vocab, new int[] {5, 6}, 30, 30);
            assertThat(cache.choose(unrelated, 1)).isZero(); // two common tokens: not worth it
        }
        try (LanguageModel model =
                        Models.load(FixtureParityTest.fixture("llama-gqa"), "float32", "cpu");
                PrefixCache tiny = new PrefixCache(model, 1);
                NDManager m = model.manager().newSubManager()) {
            int[] ids = rows(new Random(1), model.config().vocabSize(), new int[0], 20).get(0);
            tiny.rows(m, ids, 20, 1).close();
            tiny.rows(m, ids, 20, 1).close();
            assertThat(tiny.size()).isZero(); // larger than the bound: computed, not kept
            assertThat(tiny.misses()).isEqualTo(2);
            assertThatThrownBy(() -> new PrefixCache(model, -1))
                    .hasMessageContaining("maxBytes must be >= 0");
        }
    }
}
