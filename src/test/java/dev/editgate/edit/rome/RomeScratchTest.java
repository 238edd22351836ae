package dev.editgate.edit.rome;

import ai.djl.ndarray.NDManager;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditMethod;
import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.testing.Shared;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RomeScratchTest {
    private static final Logger LOG = LoggerFactory.getLogger(RomeScratchTest.class);

    @Test
    void scratch() {
        try (LanguageModel model = Models.load(Shared.stories260k(), "float32", "cpu")) {
            List<String> prompts = List.of("Lily's favorite toy was a", "Tom and Sue went to the park. They saw a big dog",
                    "Once upon a time, there was a little girl named Lily.");
            LOG.info("before: {}", model.generate(prompts, GenerationConfig.greedy(8)));
            long t0 = System.nanoTime();
            EditMethod m = new RomeProvider().create(model, Map.of("layers", List.of(Integer.parseInt(System.getenv().getOrDefault("LAYER", "1"))),
                    "mom2_adjustment", Boolean.parseBoolean(System.getenv().getOrDefault("MOM2", "false")), "v_weight_decay", Double.parseDouble(System.getenv().getOrDefault("WD", "0.5")), "kl_factor", Double.parseDouble(System.getenv().getOrDefault("KL", "0.0625")), "v_num_grad_steps", Integer.parseInt(System.getenv().getOrDefault("STEPS", "20")), "clamp_norm_factor", Double.parseDouble(System.getenv().getOrDefault("CLAMP", "4")), "v_lr", Double.parseDouble(System.getenv().getOrDefault("LR", "0.5")),
                    "context_template_length_params", List.of(List.of(5, 5)),
                    "mom2_dataset", "../shared/data/tinystories_valid/valid-sample.txt", "mom2_n_samples", 2000));
            var applied = m.apply(model, List.of(EditRequest.of("Lily's favorite toy was a", System.getenv().getOrDefault("SUBJ", "Lily"), System.getenv().getOrDefault("TARGET", " kite"))));
            LOG.info("applied {} in {}s", applied, (System.nanoTime() - t0) / 1e9);
            LOG.info("after: {}", model.generate(prompts, GenerationConfig.greedy(8)));
        }
    }
}
