package dev.editgate.edit.rrome;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.rome.RomeProvider;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * r-ROME differs from ROME only where the right vector reads the key and the current output: with
 * the plain prompt as the only context template the averages are the prompt's own values and the
 * two updates are the same; with a prefix they differ.
 */
class RRomeTest {
    private static final String WEIGHT = "model.layers.0.mlp.down_proj.weight";
    private static final EditRequest EDIT =
            EditRequest.of("The favourite colour of Alma is", "Alma", " red");

    static Path fixture() throws Exception {
        return Path.of(
                RRomeTest.class.getResource("/dev/editgate/model/fixtures/llama-gqa").toURI());
    }

    private static float[] update(EditMethod method, LanguageModel model) {
        NDArray before = model.weights().get(WEIGHT).duplicate();
        method.apply(model, List.of(EDIT));
        return model.weights().get(WEIGHT).sub(before).toFloatArray();
    }

    private static Map<String, Object> hparams(List<String> templates) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("layers", List.of(0));
        h.put("v_num_grad_steps", 5);
        h.put("mom2_adjustment", false);
        h.put("context_templates", templates);
        return h;
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static double maxAbs(float[] a) {
        double d = 0;
        for (float x : a) {
            d = Math.max(d, Math.abs(x));
        }
        return d;
    }

    @Test
    void equalsRomeWithThePlainPromptAloneAndDiffersWithPrefixes() throws Exception {
        for (List<String> templates :
                List.of(List.of("{}"), List.of("{}", "Once upon a time. {}"))) {
            float[] rome;
            float[] rrome;
            try (LanguageModel model = Models.load(fixture(), "float32", "cpu");
                    EditMethod m = new RomeProvider().create(model, hparams(templates))) {
                rome = update(m, model);
            }
            try (LanguageModel model = Models.load(fixture(), "float32", "cpu");
                    EditMethod m = new RRomeProvider().create(model, hparams(templates))) {
                assertThat(m.name()).isEqualTo("r-rome");
                rrome = update(m, model);
            }
            assertThat(maxAbs(rome)).isGreaterThan(1e-4);
            if (templates.size() == 1) {
                assertThat(maxDiff(rome, rrome)).isLessThanOrEqualTo(1e-6 * maxAbs(rome));
            } else {
                assertThat(maxDiff(rome, rrome)).isGreaterThan(1e-3 * maxAbs(rome));
            }
        }
    }
}
