package dev.editgate.edit.memit;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.edit.EditRequest;
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
 * (commit 14cea82, run by {@code tools/reference/editors_reference.py}) on the tiny GPT-2 and LLaMA
 * fixtures, for a batch of four ZsRE edits at layers 0 and 1 with λ = 100: each request's z (20
 * Adam steps at the last critical layer's output), each layer's keys (template groups {@code
 * [["{}"], prefixes]} as the reference groups them, read after the layer below was updated) and
 * each layer's update, within 1e-4 relative.
 */
class MemitReferenceParityTest {
    static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa"})
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
            int first = layers.get(0);
            e.put(
                    "keys." + first,
                    ref.error(
                            "keys." + first,
                            t.keys().get(first).transpose(),
                            r.get("keys").get("" + first)));
            e.put(
                    "keys." + first + " (EasyEdit as is)",
                    ReferenceOutputs.relativeError(
                            t.keys().get(first).transpose(), asIs.get("keys").get("" + first)));
            ref.assertBelow("memit", e, TOLERANCE);
        }
    }
}
