package dev.editgate.edit.memit;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.ReferenceOutputs;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MEMIT equals EasyEdit's own {@code compute_z} / {@code compute_ks} / {@code apply_memit_to_model}
 * (commit 14cea82, run by {@code tools/reference/editors_reference.py}) for a batch of four ZsRE
 * edits with λ = 100: z per request, the keys of every critical layer as the solve reads them
 * (after the layers below are updated) and every layer's ΔW, within 1e-4 relative, against the run
 * given the target's ids as a continuation of the prompt (the LLaMA tokenizer quirk, README "Parity
 * with the reference code"); the first layer's keys, which do not depend on the target, also
 * against EasyEdit as is. Template groups {@code [["{}"], prefixes]}, as the reference groups fixed
 * templates.
 *
 * <p>Fixtures: GPT-2 and LLaMA (two layers) with one critical layer, [0] (z at layer 0, loss at
 * layer 1), and the three-layer LLaMA fixture with layers [0, 1] (z at 1, loss at 2). Layers [0, 1]
 * on a two-layer model put z at the loss layer: the delta at the subject's token cannot reach the
 * positions where the target is scored, the NLL's gradient is exactly zero, and the reference's z
 * is Adam amplifying the KL gradient's rounding noise (it logs the same NLL for all 20 steps); that
 * is where the earlier 0.10 on z came from, not a difference of method.
 */
class MemitReferenceParityTest {
    static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2", "llama-gqa-3l"})
    void memitMatchesEasyEditsOwnCode(String fixture) {
        ReferenceOutputs ref = ReferenceOutputs.read(fixture);
        JsonNode r = ref.root.get("memit_continuation_target");
        JsonNode asIs = ref.root.get("memit");
        List<EditRequest> batch = new ArrayList<>();
        r.get("requests").forEach(q -> batch.add(ReferenceOutputs.request(q)));
        List<Integer> layers = new ArrayList<>();
        r.get("layers").forEach(l -> layers.add(l.asInt()));
        Map<String, Object> hp = new java.util.HashMap<>(ReferenceOutputs.sharedHyperparameters());
        hp.put("layers", layers);
        hp.put("v_num_grad_steps", 20);
        hp.put("v_lr", 0.5);
        hp.put("v_weight_decay", 0.5);
        hp.put("clamp_norm_factor", 4.0);
        hp.put("kl_factor", 0.0625);
        hp.put("mom2_update_weight", r.get("mom2_update_weight").asDouble());
        try (LanguageModel model = ref.load();
                NDManager m = model.manager().newSubManager();
                MemitMethod memit = (MemitMethod) new MemitProvider().create(model, hp)) {
            memit.traceTo(m);
            memit.apply(model, batch);
            MemitMethod.Trace t = memit.lastTrace();
            Map<String, Double> e = new LinkedHashMap<>();
            e.put("z", ref.error("z", t.zs().transpose(), r.get("z")));
            for (int layer : layers) {
                e.put(
                        "keys." + layer,
                        ref.error(
                                "keys." + layer,
                                t.keys().get(layer).transpose(),
                                r.get("keys").get("" + layer)));
                String weight = MlpProjection.of(model, layer).weightName();
                e.put(
                        "ΔW." + layer,
                        ref.error(
                                "delta." + layer,
                                t.deltas().get(layer),
                                r.get("deltas").get(weight)));
            }
            int first = layers.get(0);
            e.put(
                    "keys." + first + " (EasyEdit as is)",
                    ReferenceOutputs.relativeError(
                            t.keys().get(first).transpose(), asIs.get("keys").get("" + first)));
            ref.assertBelow("memit", e, TOLERANCE);
        }
    }
}
