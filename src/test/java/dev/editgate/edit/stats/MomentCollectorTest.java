package dev.editgate.edit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import dev.editgate.text.DocumentRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One pass, stopped after the last layer, batched, resumable; on the tiny LLaMA fixture. */
class MomentCollectorTest {
    static LanguageModel model;
    @TempDir Path dir;

    @BeforeAll
    static void load() throws Exception {
        model =
                Models.load(
                        EasyEditLayerStatsParityTest.resource(
                                "/dev/editgate/model/fixtures/llama-gqa"),
                        "float32",
                        "cpu");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private Path corpus(int lines) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("line ")
                    .append(i)
                    .append(" says ")
                    .append("abc".repeat(i % 7 + 1))
                    .append('\n');
        }
        Path f = dir.resolve("c.txt");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        return f;
    }

    private static StatsSpec spec(Path corpus, int samples, int batchTokens, Path cache) {
        return new StatsSpec(
                corpus, DocumentRange.ALL, samples, 1, 0, DataType.FLOAT32, batchTokens, cache);
    }

    @Test
    void aStoppedPassCapturesWhatTheFullPassDoesWithoutTheHead() {
        TokenBatch batch =
                TokenBatch.leftPadded(
                        List.of(model.tokenizer().encode("a b c d"), model.tokenizer().encode("e")),
                        model.tokenizer().padId());
        try (NDManager m = model.manager().newSubManager()) {
            ForwardResult full =
                    model.forward(m, batch, Interventions.create().capture(Site.mlpKey(0)));
            ForwardResult stopped =
                    model.forward(
                            m, batch, Interventions.create().capture(Site.mlpKey(0)).stopAfter(0));
            assertThat(full.logits()).isNotNull();
            assertThat(stopped.logits()).isNull();
            float diff =
                    full.captured(Site.mlpKey(0))
                            .sub(stopped.captured(Site.mlpKey(0)))
                            .abs()
                            .max()
                            .getFloat();
            assertThat(diff).isEqualTo(0f);
        }
    }

    @Test
    void batchingDoesNotChangeTheMoments() throws Exception {
        Path c = corpus(60);
        try (NDManager m = model.manager().newSubManager()) {
            SecondMoments big =
                    SecondMomentStats.collect(model, List.of(0, 1), spec(c, 60, 4096, dir), m);
            SecondMoments small =
                    SecondMomentStats.collect(model, List.of(0, 1), spec(c, 60, 16, dir), m);
            assertThat(small.provenance().tokens()).isEqualTo(big.provenance().tokens());
            for (int l = 0; l < 2; l++) {
                NDArray d = big.of(l).sub(small.of(l)).abs().max();
                assertThat(d.getFloat() / big.of(l).abs().max().getFloat()).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void batchesFollowTheReferencesLengthCollation() {
        List<int[]> seqs = List.of(new int[3], new int[10], new int[4], new int[10], new int[1]);
        var batches = MomentCollector.batches(seqs, 20);
        // longest first; a batch closes when its first row's width times one more row exceeds 20
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).extracting(a -> a.length).containsExactly(10, 10);
        assertThat(batches.get(1)).extracting(a -> a.length).containsExactly(4, 3, 1);
    }

    @Test
    void anInterruptedCollectionResumesToTheSameSums() throws Exception {
        Path c = corpus(250);
        StatsSpec spec = spec(c, 250, 512, dir.resolve("cache"));
        SecondMomentStats.Plan plan = SecondMomentStats.Plan.of(model, spec);
        Path partial = dir.resolve("partial.safetensors");
        Map<String, String> key = Map.of("corpus_sha256", plan.index.hash(), "model", "m");
        try (NDManager m = model.manager().newSubManager()) {
            MomentCollector.Sums whole =
                    new MomentCollector(model, List.of(0, 1), spec, plan.maxLength)
                            .collect(plan.index, plan.docs, null, key, m);
            assertThatThrownBy(
                            () ->
                                    new MomentCollector(model, List.of(0, 1), spec, plan.maxLength)
                                            .checkpointEvery(0)
                                            .afterChunk(
                                                    done -> {
                                                        if (done == 200) {
                                                            throw new IllegalStateException(
                                                                    "killed");
                                                        }
                                                    })
                                            .collect(plan.index, plan.docs, partial, key, m))
                    .hasMessage("killed");
            assertThat(partial).exists();
            assertThat(StatsFile.metadata(partial)).containsEntry("documents_done", "100");
            MomentCollector.Sums resumed =
                    new MomentCollector(model, List.of(0, 1), spec, plan.maxLength)
                            .collect(plan.index, plan.docs, partial, key, m);
            assertThat(resumed.resumed()).isEqualTo(100);
            assertThat(resumed.tokens()).isEqualTo(whole.tokens());
            assertThat(resumed.used()).isEqualTo(250);
            for (int l = 0; l < 2; l++) {
                assertThat(
                                resumed.moments()
                                        .get(l)
                                        .sub(whole.moments().get(l))
                                        .abs()
                                        .max()
                                        .getFloat())
                        .isEqualTo(0f);
            }
            assertThat(partial).doesNotExist();
        }
    }

    @Test
    void aPartialFileOfAnotherCollectionIsIgnored() throws Exception {
        Path c = corpus(120);
        StatsSpec spec = spec(c, 120, 512, dir.resolve("cache"));
        SecondMomentStats.Plan plan = SecondMomentStats.Plan.of(model, spec);
        Path partial = dir.resolve("partial.safetensors");
        try (NDManager m = model.manager().newSubManager()) {
            assertThatThrownBy(
                            () ->
                                    new MomentCollector(model, List.of(0), spec, plan.maxLength)
                                            .checkpointEvery(0)
                                            .afterChunk(
                                                    done -> {
                                                        if (done == 120) {
                                                            throw new IllegalStateException(
                                                                    "killed");
                                                        }
                                                    })
                                            .collect(
                                                    plan.index,
                                                    plan.docs,
                                                    partial,
                                                    Map.of("seed", "1"),
                                                    m))
                    .hasMessage("killed");
            MomentCollector.Sums other =
                    new MomentCollector(model, List.of(0), spec, plan.maxLength)
                            .collect(plan.index, plan.docs, partial, Map.of("seed", "2"), m);
            assertThat(other.resumed()).isZero();
        }
    }
}
