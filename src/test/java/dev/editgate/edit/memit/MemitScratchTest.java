package dev.editgate.edit.memit;

import dev.editgate.bench.BenchmarkProvider;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.edits.EditMetricProviders;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.data.EditDatasets;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.testing.Shared;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class MemitScratchTest {
    private static final Logger LOG = LoggerFactory.getLogger(MemitScratchTest.class);

    @Test
    void scratch() {
        List<EditRequest> reqs = EditDatasets.load(Shared.require("data/zsre/zsre_mend_train-1k.json"), "zsre").subList(0, 10);
        try (LanguageModel model = Models.load(Shared.stories260k(), "float32", "cpu")) {
            Map<String, Object> hp = new HashMap<>();
            hp.put("preset", "stories260k");
            hp.put("context_templates", List.of("{}"));
            String env = System.getenv().getOrDefault("HP", "");
            for (String kv : env.split(",")) {
                if (kv.isBlank()) continue;
                String[] p = kv.split("=");
                hp.put(p[0], p[0].equals("layers") ? java.util.Arrays.stream(p[1].split(":")).map(Integer::valueOf).toList() : (Object) Double.valueOf(p[1]));
            }
            if (hp.containsKey("v_num_grad_steps")) hp.put("v_num_grad_steps", ((Double) hp.get("v_num_grad_steps")).intValue());
            long t0 = System.nanoTime();
            EditMethod m = new MemitProvider().create(model, hp);
            var applied = m.apply(model, reqs);
            LOG.info("applied {} in {}s", applied, (System.nanoTime() - t0) / 1e9);
            BenchmarkProvider p = new EditMetricProviders.Reliability();
            var score = p.create(Map.of(), Path.of(".")).evaluate(model, new EvalContext() {
                public List<EditRequest> appliedEdits() { return reqs; }
                public List<EditRequest> latestEdits() { return reqs; }
                public int[] pristineLocalityTokens(int i) { return new int[0]; }
            });
            LOG.info("reliability {}", score.value());
            score.items().forEach(it -> LOG.info("  {} | {} | {} | {}", it.prompt(), it.reference(), it.prediction(), it.score()));
        }
    }
}
