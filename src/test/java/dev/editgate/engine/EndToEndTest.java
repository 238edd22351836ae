package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A small suite on stories260k with the product's own editor (GRACE), dataset reader and benchmarks
 * (perplexity, edit reliability and locality), through the engine as Maven runs it.
 */
class EndToEndTest {
    private static final Path SUITE =
            Path.of("src/test/resources/dev/editgate/engine/e2e/grace-small.yaml");

    @TempDir Path dir;

    @Test
    void graceOnStories260kIsMeasuredAndRecorded() {
        Fixtures.assumeShared();
        ProviderCatalog catalog = ProviderCatalog.load();
        assumeTrue(
                catalog.methods().containsKey("grace")
                        && catalog.benchmarks()
                                .keySet()
                                .containsAll(
                                        List.of("perplexity", "edit-reliability", "edit-locality")),
                "needs the grace editor and the perplexity and edit-metric benchmarks on the class"
                        + " path; found methods "
                        + catalog.methods().keySet()
                        + ", benchmarks "
                        + catalog.benchmarks().keySet());

        EngineTestKit.engine(new EditGateEngine())
                .configurationParameter(EngineConfig.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(EngineConfig.BASELINES_DIR, dir.resolve("b").toString())
                .configurationParameter(EngineConfig.RUN_ID, "e2e")
                .selectors(selectFile(SUITE.toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(6).succeeded(6));

        List<ResultRecord> records = ResultStore.read(dir.resolve("reports/e2e/results.jsonl"));
        assertThat(records)
                .hasSize(6)
                .allSatisfy(
                        r -> {
                            assertThat(r.value()).isFinite();
                            assertThat(r.method()).isEqualTo("grace");
                        });
        ResultRecord lm =
                records.stream().filter(r -> r.capability().equals("lm")).findFirst().orElseThrow();
        assertThat(lm.baseline()).isGreaterThan(1.0);
        assertThat(lm.higherIsBetter()).isFalse();
        assertThat(records)
                .filteredOn(r -> r.capability().equals("reliability"))
                .allSatisfy(r -> assertThat(r.value()).isBetween(0.0, 1.0));
        // per-item records of every measurement: the edit prompts scored at checkpoint 4
        assertThat(dir.resolve("reports/e2e/items/e2e-grace-small/grace-l3/4-reliability.jsonl"))
                .content()
                .hasLineCount(4)
                .contains("\"prompt\":", "\"prediction\":", "\"reference\":", "\"correct\":");
    }
}
