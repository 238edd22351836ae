package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LanguageModel#forwardAfter} over a {@link FrozenPrefix} gives what {@link
 * LanguageModel#forwardFrom} gives at the columns after the prefix, logits and the gradient of a
 * vector added there, on left-padded rows of the tiny fixtures (rotary LLaMA with grouped heads,
 * GPT-2 with learned positions).
 */
class FrozenPrefixTest {
    private static final int LAYER = 1;

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2"})
    void theColumnsAfterAFrozenPrefixMatchTheWholePass(String fixture) throws Exception {
        try (LanguageModel model =
                        Models.load(FixtureParityTest.fixture(fixture), "float32", "cpu");
                NDManager m = model.manager().newSubManager()) {
            TokenBatch batch =
                    TokenBatch.leftPadded(
                            List.of(
                                    new int[] {5, 17, 23, 42, 7, 11, 19, 3},
                                    new int[] {9, 4, 31, 8, 2},
                                    new int[] {14, 6, 27}),
                            0);
            int[] columns = {4, 5, 5}; // where the vector goes; the first is the earliest
            int frozen = 4;
            long hidden = model.config().hiddenSize();
            Site site = Site.mlpOut(LAYER);
            NDArray entering =
                    model.forward(m, batch, Interventions.create().capture(Site.residPost(0)))
                            .captured(Site.residPost(0));
            NDArray delta = // [H] fixed, not symmetric
                    m.arange((float) hidden).div((float) hidden).sub(0.5f).mul(0.6f);
            int width = batch.width();
            // the vector's own columns (layer 1 is the fixtures' last: only they carry its
            // gradient)
            // and later ones (which read the frozen keys and values)
            long[] rows = {
                0L * width + 4,
                0L * width + 5,
                0L * width + 7,
                1L * width + 5,
                1L * width + 6,
                2L * width + 5,
                2L * width + 7
            };
            long rest = width - frozen;
            long[] restRows = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                restRows[i] = rows[i] / width * rest + rows[i] % width - frozen;
            }
            int[] restColumns = {columns[0] - frozen, columns[1] - frozen, columns[2] - frozen};
            NDArray[] want =
                    run(
                            m,
                            delta,
                            rows,
                            d ->
                                    model.forwardFrom(
                                            m,
                                            batch,
                                            LAYER,
                                            entering,
                                            Interventions.create().add(site, columns, d)));
            try (FrozenPrefix prefix = model.freezePrefix(m, batch, LAYER, entering, frozen)) {
                assertThat(prefix.width()).isEqualTo(width - frozen);
                NDArray[] got =
                        run(
                                m,
                                delta,
                                null,
                                d ->
                                        model.forwardAfter(
                                                m,
                                                prefix,
                                                Interventions.create().add(site, restColumns, d),
                                                restRows));
                assertThat(
                                model.forwardAfter(m, prefix, Interventions.none(), restRows)
                                        .logits()
                                        .getShape())
                        .isEqualTo(new Shape(1, rows.length, want[0].getShape().get(1)));
                float scale = want[0].abs().max().getFloat();
                assertThat(
                                got[0].reshape(want[0].getShape())
                                                .sub(want[0])
                                                .abs()
                                                .max()
                                                .getFloat()
                                        / scale)
                        .isLessThan(1e-5f);
                float gscale = want[1].abs().max().getFloat();
                assertThat(gscale).isGreaterThan(0f);
                assertThat(got[1].sub(want[1]).abs().max().getFloat() / gscale).isLessThan(1e-4f);
                // every column after the prefix when no rows are named; the prefix is reusable
                NDArray all =
                        model.forwardAfter(
                                        m,
                                        prefix,
                                        Interventions.create().add(site, restColumns, delta),
                                        null)
                                .logits();
                NDArray whole =
                        model.forwardFrom(
                                        m,
                                        batch,
                                        LAYER,
                                        entering,
                                        Interventions.create().add(site, columns, delta))
                                .logits();
                NDArray tail = whole.get(new NDIndex(":, {}:, :", frozen));
                assertThat(all.sub(tail).abs().max().getFloat() / tail.abs().max().getFloat())
                        .isLessThan(1e-5f);
                // and the delta matters there: without it the logits differ
                NDArray base = model.forwardAfter(m, prefix, Interventions.none(), null).logits();
                assertThat(base.sub(all).abs().max().getFloat()).isGreaterThan(1e-3f);
                assertThatThrownBy(
                                () ->
                                        model.forwardAfter(
                                                m,
                                                prefix,
                                                Interventions.none(),
                                                new long[] {3 * rest}))
                        .isInstanceOf(IndexOutOfBoundsException.class)
                        .hasMessageContaining("B·(T − C)");
                assertThatThrownBy(
                                () ->
                                        model.forwardAfter(
                                                m,
                                                prefix,
                                                Interventions.create().capture(Site.mlpOut(0)),
                                                null))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("below");
            }
            assertThatThrownBy(() -> model.freezePrefix(m, batch, LAYER, entering, width))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one column");
        }
    }

    /** Logits at {@code rows} (all when null) and d(Σ log-softmax[:, 0]) / d delta. */
    private static NDArray[] run(
            NDManager m,
            NDArray delta,
            long[] rows,
            java.util.function.Function<NDArray, ForwardResult> pass) {
        NDArray d = delta.duplicate(); // a fresh leaf per pass: gradients do not mix
        d.setRequiresGradient(true);
        NDArray logits;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ForwardResult r = pass.apply(d);
            NDArray flat = r.logits().reshape(-1, r.logits().getShape().get(2));
            logits = rows == null ? flat : flat.get(new NDIndex("{}", m.create(rows)));
            gc.backward(logits.logSoftmax(-1).get(new NDIndex(":, 0")).sum());
        }
        return new NDArray[] {logits.stopGradient().duplicate(), d.getGradient().duplicate()};
    }
}
