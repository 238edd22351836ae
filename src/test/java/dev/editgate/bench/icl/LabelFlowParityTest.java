package dev.editgate.bench.icl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.LanguageModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LabelFlow} against transformers ({@code tools/analyses/label_flow_reference.py}: eager
 * attention, {@code output_attentions}, {@code retain_grad}, the reference's {@code
 * get_proportion}): the same prompt, tokens, label-word positions, loss, saliency rows and
 * per-layer S_wp, S_pq, S_ww, within a relative error of 1e-4.
 */
class LabelFlowParityTest {
    private static final double REL = 1e-4;
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(LabelFlowParityTest.class);
    private static double worst;

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama-gqa"})
    void flowsEqualTransformers(String fixture) throws IOException {
        JsonNode expected = expected(fixture);
        IclSetup setup = IclFixtures.setup(Map.of());
        try (LanguageModel model = IclFixtures.model(fixture)) {
            int c = 0;
            for (JsonNode want : expected.get("cases")) {
                Sst2Item query = setup.items().get(c++);
                IclPrompt.Rendered r = setup.prompt().render(setup.demonstrations(), query);
                assertThat(r.text()).isEqualTo(want.get("prompt").asText());
                IclPrompt.Positions p = r.positions(model.tokenizer());
                assertThat(p.ids()).containsExactly(ints(want.get("ids")));
                assertThat(p.labelPositions()).containsExactly(ints(want.get("label_positions")));
                assertThat(p.target()).isEqualTo(want.get("target").asInt());
                int[] labels = setup.prompt().labelTokens(model.tokenizer(), r.text());
                assertThat(labels).containsExactly(ints(want.get("label_tokens")));
                assertThat(query.label()).isEqualTo(want.get("gold").asInt());

                LabelFlow.Result got = LabelFlow.measure(model, p, labels, query.label(), true);
                assertClose(got.loss(), want.get("loss").asDouble(), 1, "loss");
                int t = p.ids().length;
                for (int l = 0; l < model.numLayers(); l++) {
                    JsonNode wl = want.get("layers").get(l);
                    LabelFlow.Layer gl = got.layers().get(l);
                    double scale =
                            Math.max(
                                    Math.abs(wl.get("wp").asDouble()),
                                    Math.max(
                                            Math.abs(wl.get("pq").asDouble()),
                                            Math.abs(wl.get("ww").asDouble())));
                    assertClose(
                            gl.wp(), wl.get("wp").asDouble(), scale, fixture + " L" + l + " wp");
                    assertClose(
                            gl.pq(), wl.get("pq").asDouble(), scale, fixture + " L" + l + " pq");
                    assertClose(
                            gl.ww(), wl.get("ww").asDouble(), scale, fixture + " L" + l + " ww");
                    assertThat(scale).as("a flow that is all zeros tests nothing").isPositive();
                    JsonNode sal = want.get("saliency").get(l);
                    float[] mine = got.saliency().get(l);
                    double total = 0;
                    for (int i = 0; i < t; i++) {
                        for (int j = 0; j < t; j++) {
                            total += i == j ? 0 : mine[i * t + j];
                        }
                    }
                    double ref = sal.get("total").asDouble();
                    assertClose(total, ref, ref, fixture + " L" + l + " Σ I_l");
                    var rows = sal.get("rows").fields();
                    while (rows.hasNext()) {
                        var e = rows.next();
                        int i = Integer.parseInt(e.getKey());
                        double rowMax = 0;
                        for (JsonNode x : e.getValue()) {
                            rowMax = Math.max(rowMax, Math.abs(x.asDouble()));
                        }
                        for (int j = 0; j < t; j++) {
                            assertClose(
                                    mine[i * t + j],
                                    e.getValue().get(j).asDouble(),
                                    rowMax,
                                    fixture + " L" + l + " I(" + i + "," + j + ")");
                        }
                    }
                }
            }
            assertThat(c).isEqualTo(2);
            LOG.info("{}: largest |ours - transformers| / scale so far {}", fixture, worst);
        }
    }

    private static void assertClose(double got, double want, double scale, String what) {
        if (scale != 0) {
            worst = Math.max(worst, Math.abs(got - want) / Math.abs(scale));
        }
        assertThat(Math.abs(got - want))
                .as(what + ": ours " + got + ", transformers " + want)
                .isLessThanOrEqualTo(REL * Math.abs(scale) + 1e-12);
    }

    private static JsonNode expected(String fixture) throws IOException {
        JsonNode all =
                new ObjectMapper()
                        .readTree(
                                IclFixtures.resource(
                                                "/dev/editgate/bench/icl/label-flow-expected.json")
                                        .toFile());
        List<String> seen = new ArrayList<>();
        for (JsonNode f : all.get("fixtures")) {
            if (f.get("fixture").asText().equals(fixture)) {
                return f;
            }
            seen.add(f.get("fixture").asText());
        }
        throw new IllegalStateException(fixture + " not in the expected file: " + seen);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
