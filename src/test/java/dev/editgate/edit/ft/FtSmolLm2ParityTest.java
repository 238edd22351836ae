package dev.editgate.edit.ft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.ReferenceOutputs;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.pull.ModelCache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FT-L equals EasyEdit's own {@code apply_ft_to_model} (commit 14cea82, run by {@code
 * tools/reference/smollm2_ft_reference.py}) on SmolLM2-135M, the folder {@code ./editgate models
 * pull smollm2-135m} exports: EasyEdit's LLaMA settings at the same relative depth (layer 20 of 30,
 * 25 Adam steps at lr 5e-4, no norm constraint), ZsRE record 100, for both objectives. The update
 * of layer 20's 576 × 1536 down projection is compared through linear functionals of the whole
 * matrix (its row sums, column sums, norm, largest entry, an 8 × 8 slice and a fixed projection),
 * each within 1e-4 relative (max |ours − reference| / max |reference|).
 *
 * <p>No deliberate difference applies: SmolLM2's tokenizer is byte-level BPE and adds no BOS, so
 * EasyEdit's {@code tok(targets)} gives the target's ids as a continuation of the prompt (the
 * script checks it; the LLaMA fixture's BOS quirk of {@link FtReferenceParityTest} does not arise).
 * Skipped when the model is not pulled (CI pulls it).
 */
class FtSmolLm2ParityTest {
    static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"prompt_last", "target_new"})
    void ftOnSmolLm2MatchesEasyEditsOwnCode(String objective) {
        ModelCache cache = ModelCache.standard();
        assumeTrue(cache.isPulled("smollm2-135m"), "smollm2-135m is not pulled");
        ReferenceOutputs ref = ReferenceOutputs.read("smollm2-135m-ft");
        JsonNode root = ref.root;
        JsonNode r = root.get("ft").get(objective);
        EditRequest request = ReferenceOutputs.request(root.get("request"));
        int layer = root.get("layers").get(0).asInt();
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("layers", List.of(layer));
        hp.put("num_steps", root.get("steps").asInt());
        hp.put("lr", root.get("lr").asDouble());
        hp.put("weight_decay", 0.0);
        hp.put("norm_constraint", root.get("norm_constraint").asDouble());
        hp.put("objective_optimization", objective);
        Map<String, Double> e = new LinkedHashMap<>();
        try (LanguageModel model = Models.load(cache.modelDir("smollm2-135m"), "float32", "cpu");
                NDManager m = model.manager().newSubManager();
                EditMethod ft = new FtProvider().create(model, hp)) {
            MlpProjection p = MlpProjection.of(model, layer);
            assertThat(p.weightName()).isEqualTo(r.get("weight").asText());
            NDArray before = p.outIn(model, m);
            ft.apply(model, List.of(request));
            NDArray delta = p.outIn(model, m).sub(before).toType(DataType.FLOAT64, false);
            assertThat(delta.getShape().getShape()).containsExactly(576, 1536);
            NDArray abs = delta.abs();
            e.put(
                    "row sums",
                    sums(delta.sum(new int[] {1}), abs.sum(new int[] {1}), r.get("row_sums")));
            e.put(
                    "column sums",
                    sums(delta.sum(new int[] {0}), abs.sum(new int[] {0}), r.get("column_sums")));
            e.put("[0:8, 0:8]", ref.error("slice", delta.get("0:8, 0:8"), r.get("delta_slice")));
            double[] d = delta.toDoubleArray();
            e.put(
                    "‖ΔW‖",
                    ReferenceOutputs.relativeScalar(
                            ReferenceOutputs.norm(d), r.get("delta_norm").asDouble()));
            e.put(
                    "max |ΔW|",
                    ReferenceOutputs.relativeScalar(maxAbs(d), r.get("delta_max").asDouble()));
            e.put(
                    "Σ ΔW∘P",
                    ReferenceOutputs.relativeScalar(
                            ReferenceOutputs.projection(d, 1536),
                            r.get("delta_projection").asDouble()));
        }
        e.forEach((k, v) -> System.out.printf("smollm2-135m FT-L %s %s: %.3g%n", objective, k, v));
        ref.assertBelow("ft-" + objective, e, TOLERANCE);
    }

    /**
     * max |ours − reference| over the sums, relative to the largest sum of absolute values (the
     * scale a sum's rounding is bounded by). Adam moves most entries by about ±lr each step, so a
     * row's sum cancels to far below its entries; relative to the largest sum itself, the ~1e-6
     * agreement of single entries (largest entry, norm, slice) reads as up to 2.8e-4 for {@code
     * target_new} (measured 2026-12-03), which says nothing about the method.
     */
    static double sums(NDArray ours, NDArray oursAbs, JsonNode reference) {
        double[] want = ReferenceOutputs.flat(reference);
        double[] got = ours.toDoubleArray();
        double[] scale = oursAbs.toDoubleArray();
        assertThat(got).hasSameSizeAs(want);
        double diff = 0;
        double max = 0;
        for (int i = 0; i < want.length; i++) {
            diff = Math.max(diff, Math.abs(got[i] - want[i]));
            max = Math.max(max, scale[i]);
        }
        return diff / max;
    }

    static double maxAbs(double[] a) {
        double s = 0;
        for (double x : a) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }
}
