package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pass that computes logits only at some rows ({@link Pass#withLogitRows}) keeps its row index
 * alive for the backward pass. The index is saved by autograd, and the pass's scope closes the Java
 * array before a caller's backward runs; an index wrapping a Java buffer (DJL's {@code create})
 * would then be read from freed memory. Found as "index 34182726464 is out of bounds for dimension
 * 0 with size 21" in a ROME edit of a long run. The test frees what it can between forward and
 * backward, fills freshly allocated buffers of the index's size with junk, and checks the gradient
 * equals the one read from the whole head.
 */
class LogitRowsBackwardTest {
    @Test
    void theGradientThroughLogitRowsSurvivesTheScopeThatMadeTheIndex() throws Exception {
        try (LanguageModel lm =
                        Models.load(FixtureParityTest.fixture("llama-gqa"), "float32", "cpu");
                NDManager m = lm.manager().newSubManager()) {
            TransformerModel model = (TransformerModel) lm;
            TokenBatch batch =
                    TokenBatch.leftPadded(
                            List.of(new int[] {5, 17, 23, 42, 7, 11}, new int[] {9, 4, 31, 8}), 0);
            int width = batch.width();
            long[] rows = {2, 4, 5, width + 3, width + 5};
            long[] targets = {19, 3, 27, 6, 2};
            int[] columns = {1, width - 2};
            int hidden = model.config().hiddenSize();
            float[] want = gradient(model, m, batch, columns, hidden, rows, targets, false);
            for (int repeat = 0; repeat < 5; repeat++) {
                float[] got = gradient(model, m, batch, columns, hidden, rows, targets, true);
                for (int i = 0; i < hidden; i++) {
                    assertThat(got[i])
                            .as("repeat %d, gradient %d", repeat, i)
                            .isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    /** ∂(Σ log p(target | row))/∂δ with δ added at the MLP output of layer 0. */
    private static float[] gradient(
            TransformerModel model,
            NDManager m,
            TokenBatch batch,
            int[] columns,
            int hidden,
            long[] rows,
            long[] targets,
            boolean logitRows)
            throws InterruptedException {
        try (NDManager scope = m.newSubManager()) {
            NDArray delta = scope.zeros(new Shape(hidden), DataType.FLOAT32);
            delta.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Interventions add = Interventions.create().add(Site.mlpOut(0), columns, delta);
                Pass pass = Pass.of(batch, add);
                NDArray picked;
                if (logitRows) {
                    NDArray logits = model.pass(scope, pass.withLogitRows(rows)).logits();
                    picked = logits.reshape(-1, logits.getShape().get(2)); // (N, V) in rows' order
                } else {
                    NDArray logits = model.pass(scope, pass).logits();
                    picked =
                            logits.reshape(-1, logits.getShape().get(2))
                                    .get(new NDIndex("{}", scope.create(rows)));
                }
                NDArray loss =
                        picked.logSoftmax(-1)
                                .gather(scope.create(targets, new Shape(targets.length, 1)), 1)
                                .sum();
                List<ByteBuffer> junk = new ArrayList<>();
                if (logitRows) { // what a freed index buffer would be reused for
                    System.gc();
                    Thread.sleep(50);
                    for (int i = 0; i < 64; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(rows.length * Long.BYTES);
                        while (b.hasRemaining()) {
                            b.put((byte) 0x7f);
                        }
                        junk.add(b);
                    }
                }
                gc.backward(loss);
                assertThat(junk).hasSizeLessThanOrEqualTo(64);
            }
            return delta.getGradient().toFloatArray();
        }
    }
}
