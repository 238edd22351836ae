package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code attn.probs} site in every family: [B, N, T, S] causal rows that sum to 1, and a hook
 * there changes what the layer attends to.
 */
class AttentionProbsSiteTest {

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2", "gptj", "gpt-neox", "gemma3", "qwen2"})
    void probabilitiesAreCapturedAndCanBeReplaced(String fixture) throws URISyntaxException {
        Path dir =
                Path.of(
                        AttentionProbsSiteTest.class
                                .getResource("/dev/editgate/model/fixtures/" + fixture)
                                .toURI());
        try (LanguageModel model = Models.load(dir, "float32", "cpu");
                NDManager m = model.manager().newSubManager()) {
            TokenBatch batch = TokenBatch.of(3, 7, 11, 5, 9);
            int last = model.numLayers() - 1;
            Site site = new Site(last, SiteKind.ATTN_PROBS);
            ForwardResult plain = model.forward(m, batch, Interventions.create().capture(site));
            NDArray a = plain.captured(site);
            int n = model.config().numHeads();
            assertThat(a.getShape().getShape()).containsExactly(1, n, 5, 5);
            float[] p = a.toFloatArray();
            for (int h = 0; h < n; h++) {
                for (int i = 0; i < 5; i++) {
                    double row = 0;
                    for (int j = 0; j < 5; j++) {
                        float v = p[(h * 5 + i) * 5 + j];
                        if (j > i) {
                            assertThat(v).as("causal: query %d sees no key %d", i, j).isZero();
                        }
                        row += v;
                    }
                    assertThat(row).isCloseTo(1.0, within(1e-5));
                }
            }
            // every query attends to the first token only: the logits change
            ForwardResult hooked =
                    model.forward(
                            m,
                            batch,
                            Interventions.create()
                                    .hook(
                                            site,
                                            (s, probs, b) -> {
                                                NDArray one = probs.zerosLike();
                                                one.set(
                                                        new ai.djl.ndarray.index.NDIndex(
                                                                ":, :, :, 0"),
                                                        1f);
                                                return one;
                                            }));
            float diff = hooked.logits().sub(plain.logits()).abs().max().getFloat();
            assertThat(diff).isGreaterThan(1e-4f);
            // the first position attends to the first token anyway: unchanged there
            float first =
                    hooked.logits()
                            .get("0, 0, :")
                            .sub(plain.logits().get("0, 0, :"))
                            .abs()
                            .max()
                            .getFloat();
            assertThat(first).isLessThan(1e-5f);
        }
    }
}
