package dev.editgate.bench.icl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.Score;
import dev.editgate.model.LanguageModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three flows on a hand-made saliency matrix, and the {@code label-flow} benchmark. */
class LabelFlowTest {

    @Test
    void flowsFollowWangEtAlsDefinitions() {
        int t = 5; // tokens 0..4, label words at 1 and 3, target q = 4
        float[] s = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                s[i * t + j] = 10 * i + j; // the diagonal (j == i) must be ignored
            }
        }
        LabelFlow.Layer l = LabelFlow.flows(s, t, new int[] {1, 3}, 4);
        // wp: rows 1 and 3 below the diagonal: (10) + (30 + 31 + 32) over 1 + 3 pairs
        assertThat(l.wp()).isCloseTo((10 + 30 + 31 + 32) / 4.0, within(1e-9));
        // pq: I(4,1) + I(4,3) over 2
        assertThat(l.pq()).isCloseTo((41 + 43) / 2.0, within(1e-9));
        // ww: the other pairs j < i <= 4: (20 + 21) + (40 + 42) over 10 - 4 - 2
        assertThat(l.ww()).isCloseTo((20 + 21 + 40 + 42) / 4.0, within(1e-9));
    }

    @Test
    void benchmarkAveragesTheChosenFlowOverLayersAndKeepsEveryLayer() {
        Map<String, Object> base =
                Map.of("dataset", IclFixtures.sst2Small().toString(), "limit", 2);
        try (LanguageModel model = IclFixtures.model("gpt2")) {
            Score pq =
                    new LabelFlowProvider().create(base, null).evaluate(model, EvalContext.none());
            Map<String, Object> wpOne = new java.util.HashMap<>(base);
            wpOne.put("measure", "S_wp");
            wpOne.put("layers", List.of(1));
            Score wp =
                    new LabelFlowProvider().create(wpOne, null).evaluate(model, EvalContext.none());
            assertThat(pq.metric()).isEqualTo("S_pq");
            assertThat(wp.metric()).isEqualTo("S_wp");
            assertThat(pq.items()).hasSize(2);
            double pqMean = 0;
            double wpMean = 0;
            for (int i = 0; i < 2; i++) {
                String[] layers = pq.items().get(i).prediction().split(";");
                assertThat(layers).hasSize(2);
                double[] l0 = parse(layers[0]);
                double[] l1 = parse(layers[1]);
                assertThat(pq.items().get(i).score())
                        .isCloseTo(
                                (l0[1] + l1[1]) / 2, within(1e-5 * Math.abs(l0[1] + l1[1]) + 1e-9));
                pqMean += (l0[1] + l1[1]) / 2 / 2;
                wpMean += l1[0] / 2;
            }
            assertThat(pq.value()).isCloseTo(pqMean, within(1e-4 * pqMean + 1e-9));
            assertThat(wp.value()).isCloseTo(wpMean, within(1e-4 * wpMean + 1e-9));
        }
    }

    @Test
    void badMeasureAndLayersAreNamed() {
        assertThatThrownBy(
                        () ->
                                new LabelFlowProvider()
                                        .validate(Map.of("dataset", "x", "measure", "pq")))
                .hasMessageContaining("measure")
                .hasMessageContaining("S_pq");
        assertThatThrownBy(
                        () ->
                                new LabelFlowProvider()
                                        .validate(Map.of("dataset", "x", "layers", "3-1")))
                .hasMessageContaining("'3-1'")
                .hasMessageContaining("ranges such as");
        assertThat(
                        LabelFlowProvider.layers(
                                new dev.editgate.bench.protocol.BenchSettings(
                                        "label-flow", Map.of("layers", "2-4, 1"))))
                .containsExactly(1, 2, 3, 4);
    }

    private static double[] parse(String triple) {
        String[] p = triple.split(",");
        return new double[] {
            Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2])
        };
    }
}
