package dev.editgate.edit.ft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.ReferenceOutputs;
import dev.editgate.model.LanguageModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FT-L equals EasyEdit's own {@code apply_ft_to_model} (commit 14cea82, run by {@code
 * tools/reference/editors_reference.py}) on the tiny LLaMA and GPT-2 fixtures: one ZsRE edit, layer
 * 0's MLP output projection (GPT-2: weight and bias), 10 Adam steps at lr 5e-4 with the change of
 * every entry kept within ±5e-4, for both objectives ({@code prompt_last}: every target token
 * scored at the prompt's last token; {@code target_new}: teacher forced). The change of every
 * trained tensor within 1e-4 relative (max |ours − reference| / max |reference|).
 *
 * <p>Tolerance. With lr equal to {@code norm_constraint}, Adam's first step takes nearly every
 * entry to the edge of the box: those entries (3069-3071 of 3072 in the reference runs) must agree
 * within 1e-4 of the largest change. The one to three entries whose gradient changes sign during
 * the ten steps end inside the box, where they integrate the rounding of the whole trajectory
 * through Adam's m/√v: the reference's own float32 and float64 runs differ there by up to 4.1e-3 of
 * the largest change (measured 2026-12-03, tools/reference/README "FT-L"), EasyEdit trains W itself
 * (W + ΔW rounded to W's ulp every step), EditGate trains ΔW beside it. Those entries are held to
 * 5e-3 (measured: 1.07e-3 LLaMA {@code prompt_last}, 1.3e-4 LLaMA {@code target_new}, 4.7e-4 GPT-2
 * {@code prompt_last}, 6e-5 GPT-2 {@code target_new}).
 *
 * <p>Compared with the reference run given the target's ids as a continuation of the prompt ({@code
 * ft_continuation_target}). Deliberate difference (README, "Parity with the reference code"):
 * EasyEdit's {@code prompt_last} takes the target's ids from {@code tok(targets)}, with special
 * tokens, so on the LLaMA fixture it also trains the prompt's last token towards BOS, and the
 * Metaspace tokenizer adds a lone "▁" token before the target; EditGate scores only the target's
 * tokens as a continuation of the prompt.
 */
class FtReferenceParityTest {
    static final double TOLERANCE = 1e-4;
    static final double INSIDE_THE_BOX = 5e-3;

    /**
     * max |ours − reference| / max |reference| over the entries the reference leaves at the box's
     * edge (|Δ| ≥ (1 − 1e-3)·{@code eps}), and over the others.
     */
    static double[] errors(NDArray ours, JsonNode reference, double eps) {
        double[] want = ReferenceOutputs.flat(reference);
        double[] got = ours.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        org.assertj.core.api.Assertions.assertThat(got).hasSameSizeAs(want);
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        double edge = 0;
        double inside = 0;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs(got[i] - want[i]) / scale;
            if (Math.abs(want[i]) >= (1 - 1e-3) * eps) {
                edge = Math.max(edge, d);
            } else {
                inside = Math.max(inside, d);
            }
        }
        return new double[] {edge, inside};
    }

    @ParameterizedTest
    @CsvSource({
        "llama-gqa, prompt_last",
        "llama-gqa, target_new",
        "gpt2, prompt_last",
        "gpt2, target_new"
    })
    void ftMatchesEasyEditsOwnCode(String fixture, String objective) {
        ReferenceOutputs ref = ReferenceOutputs.read(fixture);
        JsonNode r = ref.root.get("ft_continuation_target").get(objective);
        EditRequest request = ReferenceOutputs.request(r.get("request"));
        Map<String, Object> hp = new LinkedHashMap<>();
        List<Integer> layers = new java.util.ArrayList<>();
        r.get("layers").forEach(l -> layers.add(l.asInt()));
        hp.put("layers", layers);
        hp.put("num_steps", r.get("steps").asInt());
        hp.put("lr", r.get("lr").asDouble());
        hp.put("weight_decay", 0.0);
        hp.put("norm_constraint", r.get("norm_constraint").asDouble());
        hp.put("objective_optimization", objective);
        try (LanguageModel model = ref.load();
                NDManager m = model.manager().newSubManager();
                EditMethod ft = new FtProvider().create(model, hp)) {
            Map<String, NDArray> before = new LinkedHashMap<>();
            Map<String, MlpProjection> projs = new LinkedHashMap<>();
            for (int l : layers) {
                MlpProjection p = MlpProjection.of(model, l);
                projs.put(p.weightName(), p);
                before.put(p.weightName(), p.outIn(model, m));
                if (p.hasBias(model)) {
                    NDArray bias = model.weights().get(p.biasName()).duplicate();
                    bias.attach(m);
                    before.put(p.biasName(), bias);
                }
            }
            ft.apply(model, List.of(request));
            Map<String, Double> e = new LinkedHashMap<>();
            Map<String, Double> inside = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> b : before.entrySet()) {
                String name = b.getKey();
                NDArray after =
                        projs.containsKey(name)
                                ? projs.get(name).outIn(model, m)
                                : model.weights().get(name);
                NDArray delta = after.sub(b.getValue());
                ref.error(name, delta, r.get("deltas").get(name)); // kept for writeOurs
                double[] err =
                        errors(
                                delta,
                                r.get("deltas").get(name),
                                r.get("norm_constraint").asDouble());
                e.put(name + " (at the box edge)", err[0]);
                inside.put(name + " (inside the box)", err[1]);
            }
            System.out.printf("%s %s: %s %s%n", fixture, objective, e, inside);
            ref.assertBelow("ft-" + objective, inside, INSIDE_THE_BOX);
            ref.assertBelow("ft-" + objective, e, TOLERANCE);
        }
    }
}
