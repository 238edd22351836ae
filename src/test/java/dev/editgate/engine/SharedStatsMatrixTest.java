package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.editgate.edit.stats.CollectionLog;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Second moments are computed once per (model, layer, corpus, settings) across a {@code matrix:}:
 * counted from the statistics cache's own record of its passes over the corpus ({@link
 * CollectionLog}), with the real MEMIT and AlphaEdit on the tiny LLaMA, and a fresh cache.
 */
class SharedStatsMatrixTest {
    static final Path DIR = Path.of("src/test/resources/dev/editgate/engine/matrix");

    @TempDir Path dir;

    private List<ResultRecord> run(String suite, String runId) {
        EngineTestKit.engine(new EditGateEngine(EngineServices.defaults()))
                .configurationParameter(Constants.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(Constants.BASELINES_DIR, dir.resolve("base").toString())
                .configurationParameter(Constants.STATS, dir.resolve("stats").toString())
                .configurationParameter(Constants.SUITES_ROOT, DIR.toString())
                .configurationParameter(Constants.RUN_ID, runId)
                .selectors(selectFile(DIR.resolve(suite).toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.failed(0));
        return ResultStore.read(dir.resolve("reports").resolve(runId).resolve("results.jsonl"));
    }

    /** Layer → how many passes over the corpus collected it. */
    private Map<Integer, Integer> collectedPerLayer(List<CollectionLog.Entry> log) {
        Map<Integer, Integer> out = new TreeMap<>();
        log.forEach(e -> e.layers().forEach(l -> out.merge(l, 1, Integer::sum)));
        return out;
    }

    private List<String> editLog(String runId) throws IOException {
        return Files.readAllLines(
                dir.resolve("reports").resolve(runId).resolve("edits.jsonl"),
                StandardCharsets.UTF_8);
    }

    @Test
    void aMatrixOverLearningRateAndBatchSizeAndAlphaEditShareOneCollection() throws IOException {
        List<ResultRecord> records = run("memit-shared-stats.yaml", "h");
        assertThat(records.stream().map(ResultRecord::scenario).distinct())
                .containsExactly(
                        "memit-vl0.1-bs1",
                        "memit-vl0.1-bs2",
                        "memit-vl0.5-bs1",
                        "memit-vl0.5-bs2",
                        "alphaedit");
        List<CollectionLog.Entry> log = CollectionLog.read(dir.resolve("stats"));
        // one pass over the corpus, for both layers, for five scenarios
        assertThat(log).hasSize(1);
        assertThat(log.get(0).layers()).containsExactly(0, 1);
        assertThat(log.get(0).documentsUsed()).isEqualTo(20);
        // every scenario did use second moments (read from the cache), with the same provenance
        List<String> edits = editLog("h");
        for (String scenario : List.of("memit-vl0.1-bs1", "memit-vl0.5-bs2", "alphaedit")) {
            assertThat(edits)
                    .filteredOn(l -> l.contains("\"" + scenario + "\""))
                    .isNotEmpty()
                    .allMatch(l -> l.contains("\"second_moments\""));
        }

        // a second run of the same suite computes nothing
        run("memit-shared-stats.yaml", "h2");
        assertThat(CollectionLog.read(dir.resolve("stats"))).hasSize(1);
    }

    @Test
    void aLayersMatrixCollectsEachLayerOnce() {
        List<ResultRecord> records = run("memit-layers.yaml", "l");
        assertThat(records.stream().map(ResultRecord::scenario).distinct())
                .containsExactly("memit-l[1]", "memit-l[0]", "memit-l[0,1]");
        List<CollectionLog.Entry> log = CollectionLog.read(dir.resolve("stats"));
        assertThat(log)
                .extracting(CollectionLog.Entry::layers)
                .containsExactly(List.of(1), List.of(0));
        assertThat(collectedPerLayer(log)).containsExactly(Map.entry(0, 1), Map.entry(1, 1));
        assertThat(log.get(0).key()).isEqualTo(log.get(1).key());
    }
}
