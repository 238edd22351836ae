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
 * MEMIT's keys equal EasyEdit's own {@code compute_ks} as {@code apply_memit_to_model} reads them
 * (commit 14cea82, run by {@code tools/reference/editors_reference.py}) on the tiny LLaMA and GPT-2
 * fixtures, for a batch of four ZsRE edits at layers 0 and 1 with λ = 100: the first layer's keys
 * (template groups {@code [["{}"], prefixes]}, as the reference groups them) within 1e-4 relative,
 * against the run given the target's ids as a continuation of the prompt and against EasyEdit as
 * is.
 *
 * <p>Open (issue 13 §1, measured 2026-12-03): z differs by 0.10 relative on LLaMA, and so do the
 * second layer's keys (0.011) and the updates; not asserted until the cause is found. The trace
 * also records them for that comparison.
 */
class MemitReferenceParityTest {
    static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2"})
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
