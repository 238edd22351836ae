package dev.editgate.edit.stats;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.text.DocumentRange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Second moments equal EasyEdit's own {@code layer_stats} (commit 14cea82, run by {@code
 * tools/peers/layer_stats/make_fixture.py}) on the tiny fixture models: the same 20 of the 32
 * documents of {@code corpus.jsonl} (its {@code FixedRandomSubsetSampler(seed=1)}), truncated at
 * the model's context length (GPT-2's 128 positions cut three of them), both layers in one pass, to
 * float32 accumulation error.
 */
class EasyEditLayerStatsParityTest {
    static Path resource(String name) throws Exception {
        return Path.of(EasyEditLayerStatsParityTest.class.getResource(name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "gpt2"})
    void momentsMatchTheReference(String fixture) throws Exception {
        Path corpus = resource("/dev/editgate/edit/stats/corpus.jsonl");
        Path expected = resource("/dev/editgate/edit/stats/easyedit/" + fixture + ".safetensors");
        StatsSpec spec =
                new StatsSpec(
                        corpus,
                        DocumentRange.ALL,
                        20,
                        1,
                        0,
                        DataType.FLOAT32,
                        StatsSpec.DEFAULT_BATCH_TOKENS,
                        Path.of("target/unused"));
        try (LanguageModel model =
                        Models.load(
                                resource("/dev/editgate/model/fixtures/" + fixture),
                                "float32",
                                "cpu");
                NDManager m = model.manager().newSubManager()) {
            SecondMoments ours = SecondMomentStats.collect(model, List.of(0, 1), spec, m);
            StatsFile.Stored ref = StatsFile.readAll(expected, m);
            for (int layer = 0; layer < 2; layer++) {
                assertThat(ours.provenance().tokens())
                        .as("keys summed")
                        .isEqualTo(Long.parseLong(ref.metadata().get("count." + layer)));
                NDArray want = ref.tensors().get("mom2." + layer);
                NDArray got = ours.of(layer);
                float scale = want.abs().max().getFloat();
                float diff = got.sub(want).abs().max().getFloat();
                assertThat(diff / scale)
                        .as("layer %d, max |ours - EasyEdit| / max |C|", layer)
                        .isLessThan(1e-5f);
            }
            assertThat(ours.provenance().used()).isEqualTo(20);
            assertThat(ours.provenance().available()).isEqualTo(32);
            assertThat(ours.provenance().truncated()).isEqualTo(fixture.equals("gpt2") ? 3 : 0);
            assertThat(ours.provenance().maxLength()).isEqualTo(fixture.equals("gpt2") ? 128 : 256);
        }
    }
}
