package dev.editgate.edit.grace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.ReferenceOutputs;
import dev.editgate.model.ContinuationScore;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The codebook looks up one token per row (the batch's query column, GRACE's {@code key_id}) and
 * replaces the positions {@code replacement} names, as EasyEdit's {@code GRACEAdapter.forward}.
 */
class GraceCodebookTest {
    static final int I = 3;
    static final int H = 2;

    /** Rows of width 4: row 0 has 4 tokens, row 1 has 3 (left-padded); keys 0 except the query. */
    static float[] replaced(String replacement, int[] queries, boolean continuing) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraceCodebook cb = new GraceCodebook(m.newSubManager(), replacement);
            NDArray key = m.create(new float[] {5, 5, 5});
            cb.entries()
                    .add(
                            new GraceCodebook.Entry(
                                    key, m.create(new float[] {1, 1}), 0.5f, new int[] {7}));
            TokenBatch batch =
                    TokenBatch.leftPadded(List.of(new int[] {1, 2, 3, 4}, new int[] {1, 2, 3}), 0)
                            .withQueries(queries);
            float[] k = new float[2 * 4 * I];
            for (int r = 0; r < 2; r++) {
                if (queries[r] >= 0) {
                    for (int i = 0; i < I; i++) {
                        k[(r * 4 + queries[r]) * I + i] = 5; // the query token matches the key
                    }
                }
            }
            if (continuing) {
                cb.keyHook(null, m.create(k, new Shape(2, 4, I)), batch);
                cb.outputHook(null, m.zeros(new Shape(2, 4, H)), batch); // the prompt's pass
                TokenBatch step =
                        TokenBatch.leftPadded(List.of(new int[] {9}, new int[] {9}), 0)
                                .withQueries(new int[] {TokenBatch.NO_QUERY, TokenBatch.NO_QUERY});
                cb.keyHook(null, m.zeros(new Shape(2, 1, I)), step);
                return cb.outputHook(null, m.zeros(new Shape(2, 1, H)), step)
                        .toType(DataType.FLOAT32, false)
                        .toFloatArray();
            }
            cb.keyHook(null, m.create(k, new Shape(2, 4, I)), batch);
            float[] out =
                    cb.outputHook(null, m.zeros(new Shape(2, 4, H)), batch)
                            .toType(DataType.FLOAT32, false)
                            .toFloatArray();
            float[] perToken = new float[8];
            for (int j = 0; j < 8; j++) {
                perToken[j] = out[j * H];
            }
            return perToken;
        }
    }

    @Test
    void replaceLastChangesTheQueryTokenOnly() {
        // row 0 queried at column 2 (not its last), row 1 at its last (3)
        assertThat(replaced("replace_last", new int[] {2, 3}, false))
                .containsExactly(0, 0, 1, 0, /* row 1 */ 0, 0, 0, 1);
    }

    @Test
    void replacePromptChangesTheTokensBeforeTheQueryTokenNotItself() {
        // the reference's layer_out[:, :token_to_edit]; row 1's padding column 0 stays
        assertThat(replaced("replace_prompt", new int[] {2, 3}, false))
                .containsExactly(1, 1, 0, 0, /* row 1 */ 0, 1, 1, 0);
    }

    @Test
    void replaceAllChangesEveryTokenOfAHitRowAndOnlyThose() {
        assertThat(replaced("replace_all", new int[] {2, 3}, false))
                .containsExactly(1, 1, 1, 1, /* row 1 */ 0, 1, 1, 1);
        // row 1 has no query token: nothing of it is looked up or replaced
        assertThat(replaced("replace_all", new int[] {3, TokenBatch.NO_QUERY}, false))
                .containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void aGenerationStepReplacesItsNewTokenOnlyUnderReplaceAll() {
        assertThat(replaced("replace_all", new int[] {3, 3}, true)).containsExactly(1, 1, 1, 1);
        assertThat(replaced("replace_last", new int[] {3, 3}, true)).containsExactly(0, 0, 0, 0);
        assertThat(replaced("replace_prompt", new int[] {3, 3}, true)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void tokenBatchRejectsAQueryOutsideTheRowsTokens() {
        TokenBatch b = TokenBatch.leftPadded(List.of(new int[] {1, 2, 3}, new int[] {1}), 0);
        assertThat(b.query(1)).isEqualTo(2); // default: the last column
        assertThatThrownBy(() -> b.withQueries(new int[] {2, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "query column 1 of row 1 is outside its tokens (columns 2..2)");
        assertThatThrownBy(() -> b.withQueries(new int[] {2}))
                .hasMessageContaining("1 query columns for a batch of 2 rows");
    }

    @Test
    void hyperparametersNameWhatIsAccepted() {
        assertThatThrownBy(() -> hp(Map.of("replacement", "replace_first")))
                .hasMessageContaining(
                        "'replacement' = replace_first is not accepted; accepted: replace_last,"
                                + " replace_prompt, replace_all");
        assertThatThrownBy(() -> hp(Map.of("eps_expand", "moving_avg")))
                .hasMessageContaining("accepted: coverage, moving_average")
                .hasMessageContaining("its code only acts on moving_average");
        assertThatThrownBy(() -> hp(Map.of("stop_below_loss", -1.0)))
                .hasMessageContaining("'stop_below_loss' = -1.0 is not accepted");
        GraceHyperparameters d = hp(Map.of());
        assertThat(d.replacement()).isEqualTo("replace_last");
        assertThat(d.stopBelowLoss()).isZero();
    }

    static GraceHyperparameters hp(Map<String, Object> values) {
        return GraceHyperparameters.from(
                Hyperparameters.resolve(
                        "grace",
                        GraceHyperparameters.DEFAULTS,
                        values,
                        GraceHyperparameters.KEYS,
                        dev.editgate.edit.EditEnvironment.defaults()));
    }

    static float[] logits(LanguageModel model, int[] ids) {
        try (NDManager m = model.manager().newSubManager()) {
            return model.forward(m, TokenBatch.of(ids), Interventions.none())
                    .logits()
                    .toFloatArray();
        }
    }

    /**
     * On the LLaMA fixture: after an edit, a longer prompt that contains the edited prompt is not
     * edited (its middle token is never looked up), teacher-forced scoring of the edited prompt is
     * (the context's last token is), and an unrelated prompt's score is unchanged.
     */
    @Test
    void onlyThePromptsLastTokenIsLookedUp() {
        String prompt = "Which continent is Lake Vostok on?";
        try (LanguageModel model =
                Models.load(
                        ReferenceOutputs.resource("/dev/editgate/model/fixtures/llama-gqa"),
                        "float32",
                        "cpu")) {
            int[] longer = model.tokenizer().encode(prompt + " Tell me more.");
            float[] before = logits(model, longer);
            List<ContinuationScore> scoredBefore =
                    model.score(
                            List.of(prompt, "Who composed The Magic Flute?"),
                            List.of(" Antarctica", " Mozart"));
            try (GraceMethod grace =
                    (GraceMethod)
                            new GraceProvider()
                                    .create(
                                            model,
                                            Map.of(
                                                    "layer",
                                                    0,
                                                    "n_iter",
                                                    20,
                                                    "eps",
                                                    0.45,
                                                    "val_init",
                                                    "warm"))) {
                grace.apply(model, List.of(EditRequest.of(prompt, null, " Antarctica")));
                assertThat(logits(model, longer)).containsExactly(before);
                List<ContinuationScore> after =
                        model.score(
                                List.of(prompt, "Who composed The Magic Flute?"),
                                List.of(" Antarctica", " Mozart"));
                assertThat(after.get(0).sum()).isGreaterThan(scoredBefore.get(0).sum() + 1e-3);
                assertThat(after.get(1).tokenLogProbs())
                        .containsExactly(scoredBefore.get(1).tokenLogProbs());
                // and the key the codebook holds is the prompt's last token's MLP key
                try (NDManager m = model.manager().newSubManager()) {
                    int[] ids = model.tokenizer().encode(prompt);
                    NDArray k =
                            model.forward(
                                            m,
                                            TokenBatch.of(ids),
                                            Interventions.create().capture(Site.mlpKey(0)))
                                    .captured(Site.mlpKey(0))
                                    .get(0)
                                    .get(ids.length - 1);
                    assertThat(grace.codebook().distances(k)[0]).isLessThan(1e-6f);
                }
            }
        }
    }
}
