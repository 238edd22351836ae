package dev.editgate.edit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.text.DocumentRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache, and sizes recorded as used rather than as asked. */
class SecondMomentStatsTest {
    @TempDir Path dir;

    @Test
    void recordsWhatWasUsedAndReadsItBackFromTheCache() throws Exception {
        Path corpus =
                EasyEditLayerStatsParityTest.resource("/dev/editgate/edit/stats/corpus.jsonl");
        StatsSpec spec =
                new StatsSpec(
                        corpus,
                        DocumentRange.parse("2-29"),
                        1000,
                        1,
                        64,
                        DataType.FLOAT32,
                        StatsSpec.DEFAULT_BATCH_TOKENS,
                        dir);
        try (LanguageModel model =
                        Models.load(
                                EasyEditLayerStatsParityTest.resource(
                                        "/dev/editgate/model/fixtures/gpt2"),
                                "float32",
                                "cpu");
                NDManager m = model.manager().newSubManager()) {
            SecondMoments first = SecondMomentStats.forLayers(model, "abc", List.of(1, 0), spec, m);
            Provenance p = first.provenance();
            assertThat(p.available()).isEqualTo(28);
            assertThat(p.requested()).isEqualTo(1000);
            assertThat(p.used()).isEqualTo(28);
            assertThat(p.shortOfRequest()).isTrue();
            assertThat(p.truncated()).isEqualTo(3); // the three long documents, at 64 tokens
            assertThat(p.maxLength()).isEqualTo(64);
            assertThat(first.seconds()).isPositive();
            List<Path> files;
            try (Stream<Path> s = Files.list(dir.resolve("abc"))) {
                files = s.sorted().toList();
            }
            // one file per layer, and the cache's record of the pass that collected them
            assertThat(files.get(files.size() - 1).getFileName().toString())
                    .isEqualTo("collections.jsonl");
            files = files.subList(0, files.size() - 1);
            assertThat(files).hasSize(2);
            assertThat(files.get(0).getFileName().toString())
                    .startsWith("0-")
                    .contains("-2-29-1000-s1-64-float32");
            Map<String, String> meta = StatsFile.metadata(files.get(0));
            assertThat(meta)
                    .containsEntry("documents_used", "28")
                    .containsEntry("documents_requested", "1000")
                    .containsEntry("tokens", String.valueOf(p.tokens()))
                    .containsEntry("layer", "0");
            SecondMoments again = SecondMomentStats.forLayers(model, "abc", List.of(0, 1), spec, m);
            assertThat(again.seconds()).isZero();
            assertThat(again.provenance()).isEqualTo(p);
            assertThat(again.of(1).sub(first.of(1)).abs().max().getFloat()).isEqualTo(0f);
            assertThat(p.details())
                    .containsEntry("documents_used", 28)
                    .containsEntry("tokens", p.tokens());
        }
    }

    @Test
    void aRangeBeyondTheCorpusSaysSo() throws Exception {
        Path corpus =
                EasyEditLayerStatsParityTest.resource("/dev/editgate/edit/stats/corpus.jsonl");
        StatsSpec spec =
                new StatsSpec(
                        corpus, DocumentRange.parse("40-"), 10, 1, 0, DataType.FLOAT32, 4096, dir);
        try (LanguageModel model =
                Models.load(
                        EasyEditLayerStatsParityTest.resource("/dev/editgate/model/fixtures/gpt2"),
                        "float32",
                        "cpu")) {
            assertThatThrownBy(() -> SecondMomentStats.Plan.of(model, spec))
                    .hasMessageContaining("mom2_documents 40-")
                    .hasMessageContaining("32 documents (0-31)");
        }
    }
}
