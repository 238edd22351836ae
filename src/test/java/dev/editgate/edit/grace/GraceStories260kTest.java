package dev.editgate.edit.grace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.editgate.bench.BenchmarkProvider;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.Score;
import dev.editgate.bench.edits.EditMetricProviders;
import dev.editgate.bench.edits.PristineLocality;
import dev.editgate.edit.EditContexts;
import dev.editgate.edit.EditException;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTokens;
import dev.editgate.edit.Stories260k;
import dev.editgate.model.Interventions;
import dev.editgate.model.TokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GRACE on stories260k with the {@code stories260k} preset (layer 3, eps 1). */
class GraceStories260kTest {
    static final String PROMPT = "Lily's favorite toy was a";
    static final EditRequest KITE =
            new EditRequest(
                    PROMPT,
                    "Lily",
                    " kite",
                    " big",
                    null,
                    "Tom and Sue went to the park. They saw a big dog",
                    " named Max");
    static Stories260k s;

    @BeforeAll
    static void load() {
        s = Stories260k.load();
    }

    @AfterAll
    static void close() {
        if (s != null) {
            s.close();
        }
    }

    @AfterEach
    void reset() {
        s.reset();
    }

    static float[] logits(String prompt) {
        try (NDManager m = s.model.manager().newSubManager()) {
            return s.model
                    .forward(
                            m,
                            TokenBatch.of(s.model.tokenizer().encode(prompt)),
                            Interventions.none())
                    .logits()
                    .toFloatArray();
        }
    }

    @Test
    void graceAnswersInsideItsRadiusWithoutTouchingWeightsOrOtherLogits() {
        List<float[]> before = new ArrayList<>();
        for (String p : s.prompts) {
            before.add(logits(p));
        }
        List<int[]> pristineLocality = PristineLocality.compute(s.model, List.of(KITE));
        try (EditMethod grace =
                new GraceProvider().create(s.model, Map.of("preset", "stories260k"))) {
            var applied = grace.apply(s.model, List.of(KITE));
            assertThat(applied.changedTensors()).isEmpty();
            assertThat(applied.details()).containsEntry("codebook_size", 1);
            assertThat(s.model.weights().contentHash()).isEqualTo(s.pristineHash);
            assertThat(s.model.adaptorCount()).isEqualTo(2);

            int[] target = EditTokens.target(s.model.tokenizer(), PROMPT, KITE.target());
            assertThat(s.greedy(PROMPT, target.length)).containsExactly(target);
            for (int i = 0; i < s.prompts.size(); i++) {
                if (!s.prompts.get(i).equals(PROMPT)) {
                    assertThat(logits(s.prompts.get(i)))
                            .as("logits of prompt %d", i)
                            .containsExactly(before.get(i));
                }
            }
            EvalContext ctx = EditContexts.of(List.of(KITE), pristineLocality);
            assertThat(score(new EditMetricProviders.Reliability(), ctx).value()).isEqualTo(1.0);
            assertThat(score(new EditMetricProviders.Locality(), ctx).value()).isEqualTo(1.0);
            assertThat(score(new EditMetricProviders.ExactMatch(), ctx).value()).isEqualTo(1.0);
        }
    }

    @Test
    void sameLabelReusesTheEntryAndAConflictSplitsIt() {
        try (EditMethod grace =
                new GraceProvider()
                        .create(
                                s.model,
                                Map.of("preset", "stories260k", "eps", 50.0, "n_iter", 5))) {
            grace.apply(s.model, List.of(KITE));
            var same =
                    grace.apply(
                            s.model,
                            List.of(
                                    EditRequest.of(
                                            "Lily's favorite toy was the", "Lily", " kite")));
            assertThat(same.details()).containsEntry("codebook_size", 1);
            var conflict =
                    grace.apply(
                            s.model,
                            List.of(EditRequest.of("Lily's favorite toy is a", "Lily", " doll")));
            assertThat(conflict.details()).containsEntry("codebook_size", 2);
        }
    }

    @Test
    void graceRejectsBadRequestsAndKeepsItsCodebook() {
        try (EditMethod grace =
                new GraceProvider().create(s.model, Map.of("preset", "stories260k", "layer", 9))) {
            assertThatThrownBy(() -> grace.apply(s.model, List.of(KITE)))
                    .isInstanceOf(EditException.class)
                    .hasMessageContaining("layer 9 is out of range");
        }
        try (EditMethod grace =
                new GraceProvider().create(s.model, Map.of("preset", "stories260k", "n_iter", 3))) {
            assertThatThrownBy(
                            () -> grace.apply(s.model, List.of(EditRequest.of(PROMPT, "Lily", ""))))
                    .isInstanceOf(EditException.class)
                    .hasMessageContaining("empty target");
            var poison =
                    s.model.addAdaptor(
                            dev.editgate.model.Site.mlpOut(4), (site, a, b) -> a.mul(Float.NaN));
            assertThatThrownBy(() -> grace.apply(s.model, List.of(KITE)))
                    .isInstanceOf(EditException.class)
                    .hasMessageContaining("non-finite");
            poison.close();
            assertThat(grace.apply(s.model, List.of(KITE)).details())
                    .containsEntry("codebook_size", 1);
        }
        assertThat(s.model.weights().contentHash()).isEqualTo(s.pristineHash);
    }

    @Test
    void exactMatchGeneratesAfterTheRephrasingWhenAsked() {
        EditRequest same = new EditRequest(PROMPT, "Lily", " kite", null, PROMPT, null, null);
        EditRequest other =
                new EditRequest(
                        PROMPT,
                        "Lily",
                        " kite",
                        null,
                        "Tom and Sue went to the park. They saw a big dog",
                        null,
                        null);
        try (EditMethod grace =
                new GraceProvider().create(s.model, Map.of("preset", "stories260k"))) {
            grace.apply(s.model, List.of(KITE));
            var rephrased =
                    new EditMetricProviders.ExactMatch()
                            .create(
                                    Map.of("scope", "sequential", "prompt", "rephrase"),
                                    Path.of("."));
            Score hit = rephrased.evaluate(s.model, EditContexts.of(List.of(same), List.of()));
            Score miss = rephrased.evaluate(s.model, EditContexts.of(List.of(other), List.of()));
            assertThat(hit.value()).isEqualTo(1.0);
            assertThat(miss.value()).isEqualTo(0.0);
            assertThat(miss.items().get(0).prompt()).isEqualTo(other.rephrase());
        }
        assertThatThrownBy(
                        () ->
                                new EditMetricProviders.ExactMatch()
                                        .validate(Map.of("prompt", "locality")))
                .hasMessageContaining(
                        "edit-exact-match: setting 'prompt' = locality is not accepted; accepted:"
                                + " edit, rephrase");
        assertThatThrownBy(
                        () -> new EditMetricProviders.Reliability().validate(Map.of("prompt", "x")))
                .hasMessageContaining("setting 'prompt' is not accepted; accepted: [scope]");
    }

    static Score score(BenchmarkProvider p, EvalContext ctx) {
        return p.create(Map.of("scope", "sequential"), Path.of(".")).evaluate(s.model, ctx);
    }
}
