package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoring runs the output head only at the rows that predict a scored token ({@link
 * Pass#withLogitRows}); its log-probabilities are those read from logits at every column, within
 * float rounding, on left-padded rows of different lengths (rotary LLaMA with grouped heads,
 * GPT-2).
 */
class ScoringLogitRowsTest {
    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2"})
    void theHeadAtScoredRowsGivesTheScoresOfTheWholeHead(String fixture) throws Exception {
        try (LanguageModel model =
                        Models.load(FixtureParityTest.fixture(fixture), "float32", "cpu");
                NDManager m = model.manager().newSubManager()) {
            List<int[]> contexts =
                    List.of(new int[] {5, 17, 23, 42, 7}, new int[] {9, 4}, new int[] {14});
            List<int[]> continuations =
                    List.of(new int[] {11, 19, 3}, new int[] {31, 8, 2, 6}, new int[] {27});
            List<ContinuationScore> got = model.scoreIds(contexts, continuations);
            for (int i = 0; i < contexts.size(); i++) {
                int[] c = contexts.get(i);
                int[] t = continuations.get(i);
                int[] full = new int[c.length + t.length - 1];
                System.arraycopy(c, 0, full, 0, c.length);
                System.arraycopy(t, 0, full, c.length, t.length - 1);
                TokenBatch one = TokenBatch.leftPadded(List.of(full), 0);
                NDArray logp =
                        model.forward(m, one, Interventions.none())
                                .logits()
                                .get(new NDIndex("0"))
                                .logSoftmax(-1); // (T, V): every column
                float[] want = new float[t.length];
                for (int j = 0; j < t.length; j++) {
                    want[j] = logp.getFloat(c.length - 1 + j, t[j]);
                }
                assertThat(got.get(i).tokens()).isEqualTo(t.length);
                for (int j = 0; j < t.length; j++) {
                    assertThat(got.get(i).tokenLogProbs()[j])
                            .as("%s continuation %d token %d", fixture, i, j)
                            .isCloseTo(want[j], org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }
}
