package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.editgate.edit.EditEnvironment;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A small suite on the tiny LLaMA fixture with the product's own editor (GRACE), dataset reader and
 * benchmarks (perplexity, edit reliability and locality), through the engine as Maven runs it. The
 * providers are part of the product: a missing one fails this test rather than skipping it.
 */
class EndToEndTest {
    private static final Path SUITE =
            Path.of("src/test/resources/dev/editgate/engine/e2e/grace-small.yaml");

    @TempDir Path dir;

    @Test
    void graceOnTheTinyFixtureIsMeasuredAndRecorded() {
        ProviderCatalog catalog =
                ProviderCatalog.load(EditEnvironment.defaults(), EditStreamLoader.editDatasets());
        assertThat(catalog.methods())
                .as("editing methods registered with the ServiceLoader")
                .containsKey("grace");
        assertThat(catalog.benchmarks())
                .as("benchmarks registered with the ServiceLoader")
                .containsKeys("perplexity", "edit-reliability", "edit-locality");

        EngineTestKit.engine(new EditGateEngine())
                .configurationParameter(Constants.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(Constants.BASELINES_DIR, dir.resolve("b").toString())
                .configurationParameter(Constants.RUN_ID, "e2e")
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
        assertThat(dir.resolve("reports/e2e/items/e2e-grace-small/grace-l1/4-reliability.jsonl"))
                .content()
                .hasLineCount(4)
                .contains("\"prompt\":", "\"prediction\":", "\"reference\":", "\"correct\":");
    }
}
