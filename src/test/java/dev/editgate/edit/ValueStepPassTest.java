package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ROME's and MEMIT's value optimisation gives the same value after a frozen prefix (the default:
 * steps over the columns from the first fact token on, logits at the scored positions only) as over
 * whole rows with logits everywhere (the way before, {@code editgate.value.plain}): the same steps,
 * the same loss and v within float rounding, on the tiny LLaMA and GPT-2 fixtures, at ROME's site
 * (MLP output) and MEMIT's (residual output) of layer 1. On the two-layer fixtures layer 1 is the
 * last, where δ at the subject reaches no target position; there δ sits at the prompt's last token
 * ({@code fact_token: last}).
 */
class ValueStepPassTest {
    @ParameterizedTest
    @CsvSource({
        "llama-gqa-3l, mlp.out, SUBJECT_LAST",
        "llama-gqa-3l, resid.post, SUBJECT_LAST",
        "gpt2, mlp.out, LAST",
        "llama-gqa, resid.post, LAST"
    })
    void theValueAfterAFrozenPrefixIsTheValueOverWholeRows(
            String fixture, String kind, FactToken fact) {
        ReferenceOutputs ref = ReferenceOutputs.read(fixture);
        EditRequest request = ReferenceOutputs.request(ref.root.get("rome").get("request"));
        Site site = kind.equals("mlp.out") ? Site.mlpOut(1) : Site.residPost(1);
        ValueOptimization.Settings s =
                new ValueOptimization.Settings(12, 0.5, 0.001, 0.0625, 4.0, fact);
        List<String> templates = ReferenceOutputs.TEMPLATES;
        try (LanguageModel model = ref.load();
                NDManager m = model.manager().newSubManager()) {
            ValuePrompts prompts = ValuePrompts.of(model, request, templates, s.factToken());
            try (NDManager work = m.newSubManager();
                    ValueStepPass pass =
                            ValueStepPass.of(
                                    model,
                                    site,
                                    prompts,
                                    Pristine.whole(
                                                    model,
                                                    site,
                                                    prompts,
                                                    work.create(new long[] {prompts.klRow()}),
                                                    work)
                                            .entering(),
                                    false,
                                    work)) {
                assertThat(pass.reusesPrefix()).isTrue();
            }
            ValueOptimization.Result plain =
                    ValueOptimization.optimise(model, site, request, templates, s, m, true);
            ValueOptimization.Result fast =
                    ValueOptimization.optimise(model, site, request, templates, s, m, false);
            assertThat(fast.steps()).isEqualTo(plain.steps());
            NDArray moved = plain.target().sub(plain.initial());
            assertThat(moved.abs().max().getFloat()).isGreaterThan(1e-3f); // δ did move
            double scale = plain.target().abs().max().getFloat();
            assertThat(fast.target().sub(plain.target()).abs().max().getFloat() / scale)
                    .isLessThan(1e-5);
            assertThat(fast.loss())
                    .isCloseTo(
                            plain.loss(),
                            org.assertj.core.data.Offset.offset(1e-5 + 1e-4 * plain.loss()));
        }
    }
}
