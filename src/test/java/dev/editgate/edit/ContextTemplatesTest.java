package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated context templates, EditGate's top-p way and the reference's top-k way. */
class ContextTemplatesTest {
    private static final Path FIXTURE =
            Path.of("src/test/resources/dev/editgate/model/fixtures/llama-gqa");

    @Test
    void topKTemplatesAreGroupedCountedInTotalLengthAndReproducible() {
        List<int[]> params = List.of(new int[] {5, 10}, new int[] {10, 5});
        try (LanguageModel model = Models.load(FIXTURE, "float32", "cpu")) {
            var topK =
                    ContextTemplates.generateGroups(
                            model, params, 3, ContextTemplates.Sampling.TOP_K);
            assertThat(topK).hasSize(3);
            assertThat(topK.get(0)).containsExactly("{}");
            assertThat(topK.get(1)).hasSize(10);
            assertThat(topK.get(2)).hasSize(5);
            for (List<String> g : topK.subList(1, 3)) {
                assertThat(g).allSatisfy(t -> assertThat(t).endsWith(". {}"));
                assertThat(g)
                        .allSatisfy(t -> assertThat(t.indexOf("{}")).isEqualTo(t.length() - 2));
            }
            // max_out_len counts the opener: 5 tokens in all, so 5 - |opener| new ones
            assertThat(ContextTemplates.newTokens(5, 1, ContextTemplates.Sampling.TOP_K))
                    .isEqualTo(4);
            assertThat(ContextTemplates.newTokens(5, 2, ContextTemplates.Sampling.TOP_K))
                    .isEqualTo(3);
            assertThat(ContextTemplates.newTokens(1, 2, ContextTemplates.Sampling.TOP_K)).isZero();
            assertThat(ContextTemplates.newTokens(5, 1, ContextTemplates.Sampling.TOP_P))
                    .isEqualTo(5);

            assertThat(
                            ContextTemplates.generateGroups(
                                    model, params, 3, ContextTemplates.Sampling.TOP_K))
                    .isEqualTo(topK);
            var topP =
                    ContextTemplates.generateGroups(
                            model, params, 3, ContextTemplates.Sampling.TOP_P);
            assertThat(topP.get(1)).isNotEqualTo(topK.get(1));
            // ROME's flat list is the same texts (no braces in a random fixture's output either
            // way)
            assertThat(ContextTemplates.generate(model, params, 3, ContextTemplates.Sampling.TOP_K))
                    .hasSize(16);
        }
    }

    @Test
    void anUnknownSamplingNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> ContextTemplates.Sampling.parse("rome", "top_k"))
                .hasMessage(
                        "rome hyperparameter 'context_template_sampling' = top_k is not accepted"
                                + " (accepted: top-p, top-k)");
        assertThat(ContextTemplates.Sampling.parse("memit", "top-k"))
                .isEqualTo(ContextTemplates.Sampling.TOP_K);
    }
}
