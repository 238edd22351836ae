package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.editgate.testing.Shared;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Capture, add, replace and gradients at intervention sites, on stories260k. */
class InterventionsTest {
    static LanguageModel model;
    static final int[] PROMPT = {1, 403, 407, 261, 378, 432};

    @BeforeAll
    static void load() {
        model = Models.load(Shared.stories260k(), "float32", "cpu");
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void addingAtTheMlpOutputChangesLaterPositionsOnly() {
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch batch = TokenBatch.of(PROMPT);
            NDArray base = model.forward(m, batch, Interventions.none()).logits();
            NDArray delta = m.ones(new ai.djl.ndarray.types.Shape(64)).mul(0.5f);
            NDArray edited =
                    model.forward(
                                    m,
                                    batch,
                                    Interventions.create()
                                            .add(Site.mlpOut(2), new int[] {3}, delta))
                            .logits();
            NDArray diff = edited.sub(base).abs().max(new int[] {2}); // (1, T)
            float[] perPos = diff.toFloatArray();
            assertThat(perPos[0]).isZero();
            assertThat(perPos[2]).isZero(); // causal: earlier positions unchanged
            assertThat(perPos[3]).isGreaterThan(1e-3f);
            assertThat(perPos[5]).isGreaterThan(1e-6f);
        }
    }

    @Test
    void replacingWithTheCapturedValueIsANoOp() {
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch batch = TokenBatch.of(PROMPT);
            ForwardResult r =
                    model.forward(m, batch, Interventions.create().capture(Site.residPost(1)));
            NDArray at4 = r.captured(Site.residPost(1)).get(new NDIndex("0, 4, :"));
            NDArray same =
                    model.forward(
                                    m,
                                    batch,
                                    Interventions.create()
                                            .replace(Site.residPost(1), new int[] {4}, at4))
                            .logits();
            assertThat(same.sub(r.logits()).abs().max().getFloat()).isLessThan(1e-6f);
            NDArray zero = at4.zerosLike();
            NDArray changed =
                    model.forward(
                                    m,
                                    batch,
                                    Interventions.create()
                                            .replace(Site.residPost(1), new int[] {4}, zero))
                            .logits();
            assertThat(changed.sub(r.logits()).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }

    @Test
    void forwardFromALayerMatchesTheFullForwardWithAnInterventionAtOrAboveIt() {
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch batch = TokenBatch.leftPadded(List.of(PROMPT, new int[] {1, 403, 407}), 0);
            NDArray delta = m.ones(new ai.djl.ndarray.types.Shape(64)).mul(0.5f);
            int[] columns = {3, 5};
            NDArray entering =
                    model.forward(m, batch, Interventions.create().capture(Site.residPost(1)))
                            .captured(Site.residPost(1));
            NDArray full =
                    model.forward(
                                    m,
                                    batch,
                                    Interventions.create().add(Site.mlpOut(2), columns, delta))
                            .logits();
            ForwardResult from =
                    model.forwardFrom(
                            m,
                            batch,
                            2,
                            entering,
                            Interventions.create()
                                    .add(Site.mlpOut(2), columns, delta)
                                    .capture(Site.mlpKey(3)));
            assertThat(from.logits().sub(full).abs().max().getFloat()).isZero();
            assertThat(from.captured(Site.mlpKey(3))).isNotNull();
            // and it is not the unedited pass: the delta took effect
            NDArray base = model.forward(m, batch, Interventions.none()).logits();
            assertThat(from.logits().sub(base).abs().max().getFloat()).isGreaterThan(1e-3f);
            // an intervention below the start layer would never run
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () ->
                                    model.forwardFrom(
                                            m,
                                            batch,
                                            2,
                                            entering,
                                            Interventions.create().capture(Site.mlpOut(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mlp.out")
                    .hasMessageContaining("below");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () ->
                                    model.forwardFrom(
                                            m,
                                            batch,
                                            2,
                                            entering.get(new NDIndex("0:1")),
                                            Interventions.none()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input shape");
        }
    }

    @Test
    void leftPaddingGivesTheSameLogitsAsTheRowAlone() {
        try (NDManager m = model.manager().newSubManager()) {
            int[] shortRow = {1, 403, 407};
            NDArray alone =
                    model.forward(m, TokenBatch.of(shortRow), Interventions.none()).logits();
            TokenBatch both = TokenBatch.leftPadded(List.of(PROMPT, shortRow), 0);
            NDArray padded =
                    model.forward(m, both, Interventions.none())
                            .logits()
                            .get(new NDIndex("1, 3:, :"));
            assertThat(padded.sub(alone.get(0)).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void gradientsFlowToAVectorAddedAtASite() {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray delta = m.zeros(new ai.djl.ndarray.types.Shape(64));
            delta.setRequiresGradient(true);
            int target = 300;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits =
                        model.forward(
                                        m,
                                        TokenBatch.of(PROMPT),
                                        Interventions.create()
                                                .add(Site.mlpOut(3), new int[] {5}, delta))
                                .logits();
                NDArray nll = logits.get(new NDIndex("0, 5, :")).logSoftmax(-1).get(target).neg();
                gc.backward(nll);
            }
            NDArray grad = delta.getGradient();
            assertThat(grad.abs().sum().getFloat()).isGreaterThan(0f);
            // a small step against the gradient lowers the loss
            float before = nllAt(m, m.zeros(new ai.djl.ndarray.types.Shape(64)), target);
            float after = nllAt(m, grad.mul(-0.01f), target);
            assertThat(after).isLessThan(before);
        }
    }

    private float nllAt(NDManager m, NDArray delta, int target) {
        NDArray logits =
                model.forward(
                                m,
                                TokenBatch.of(PROMPT),
                                Interventions.create().add(Site.mlpOut(3), new int[] {5}, delta))
                        .logits();
        return -logits.get(new NDIndex("0, 5, :")).logSoftmax(-1).getFloat(target);
    }

    @Test
    void adaptorsRunInEveryPassUntilRemoved() {
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch batch = TokenBatch.of(PROMPT);
            NDArray base = model.forward(m, batch, Interventions.none()).logits();
            try (LanguageModel.AdaptorHandle h =
                    model.addAdaptor(Site.mlpOut(0), (s, a, b) -> a.mul(0))) {
                assertThat(model.adaptorCount()).isEqualTo(1);
                NDArray adapted = model.forward(m, batch, Interventions.none()).logits();
                assertThat(adapted.sub(base).abs().max().getFloat()).isGreaterThan(1e-3f);
            }
            assertThat(model.adaptorCount()).isZero();
            NDArray again = model.forward(m, batch, Interventions.none()).logits();
            assertThat(again.sub(base).abs().max().getFloat()).isZero();
        }
    }

    @Test
    void scoringAgreesWithTheForwardPass() {
        ContinuationScore s =
                model.scoreIds(List.of(new int[] {1, 403, 407}), List.of(new int[] {261, 378}))
                        .get(0);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray lp =
                    model.forward(m, TokenBatch.of(1, 403, 407, 261), Interventions.none())
                            .logits()
                            .logSoftmax(-1);
            assertThat((double) s.tokenLogProbs()[0])
                    .isCloseTo(lp.getFloat(0, 2, 261), within(1e-5));
            assertThat((double) s.tokenLogProbs()[1])
                    .isCloseTo(lp.getFloat(0, 3, 378), within(1e-5));
        }
    }

    @Test
    void perplexityWithAWindowCoveringTheTextEqualsExpOfMeanNll() {
        String text = "Once upon a time, there was a little girl named Lily.";
        int[] ids = model.tokenizer().encode(text);
        LanguageModel.Perplexity p = model.perplexity(text, 512, 512);
        ContinuationScore s =
                model.scoreIds(
                                List.of(new int[] {ids[0]}),
                                List.of(java.util.Arrays.copyOfRange(ids, 1, ids.length)))
                        .get(0);
        assertThat(p.tokens()).isEqualTo(ids.length - 1);
        assertThat(p.value()).isCloseTo(Math.exp(-s.sum() / s.tokens()), within(1e-6));
        LanguageModel.Perplexity strided = model.perplexity(text, 8, 4);
        assertThat(strided.tokens()).isEqualTo(ids.length - 1);
        assertThat(strided.value()).isGreaterThan(p.value() * 0.8);
        // the windows, batched together, score what each scores alone: Hugging Face's loop
        double nll = 0;
        int prevEnd = 0;
        for (int begin = 0; begin < ids.length; begin += 4) {
            int end = Math.min(begin + 8, ids.length);
            int trg = end - prevEnd;
            int from = Math.max(begin + 1, end - trg);
            nll -=
                    model.scoreIds(
                                    List.of(java.util.Arrays.copyOfRange(ids, begin, from)),
                                    List.of(java.util.Arrays.copyOfRange(ids, from, end)))
                            .get(0)
                            .sum();
            prevEnd = end;
            if (end == ids.length) {
                break;
            }
        }
        assertThat(strided.nllSum()).isCloseTo(nll, within(1e-4));
    }
}
