package dev.editgate.edit.grace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.editgate.model.pull.ModelCache;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GraceReferenceParityTest}'s five sequential edits on SmolLM2-135M, the folder {@code
 * ./editgate models pull smollm2-135m} exports, against EasyEdit's own GRACE run by {@code
 * tools/reference/grace_reference.py --models smollm2-135m}: layer 25 and 50 steps as {@code
 * hparams/grace/smollm2-135m.yaml}, warm values (cold ones are random draws), and eps 1.9 instead
 * of the preset's 1.0 so that every decision (add, expand, within, add, split) happens on this
 * model's keys (the script checks the reference's decisions from its codebook). The same checks and
 * named differences as the fixture test: codebook size, radii, keys and values within 1e-4
 * relative, the entry trained, and greedy answers on the edit, rephrased and unrelated prompts.
 * Skipped when the model is not pulled (CI pulls it).
 */
class GraceSmolLm2ParityTest {
    @ParameterizedTest(name = "smollm2-135m {0} {1}")
    @CsvSource({
        "replace_last, coverage",
        "replace_prompt, coverage",
        "replace_all, coverage",
        "replace_last, moving_average"
    })
    void graceOnSmolLm2MatchesEasyEditsOwnCode(String replacement, String expand) {
        ModelCache cache = ModelCache.standard();
        assumeTrue(cache.isPulled("smollm2-135m"), "smollm2-135m is not pulled");
        GraceReferenceParityTest.check(
                "smollm2-135m", cache.modelDir("smollm2-135m"), replacement, expand);
    }
}
