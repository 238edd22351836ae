package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.editgate.report.ResultStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The documented way to run suite files from a build: a {@code @Suite} class that includes the
 * editgate engine and selects a folder. The suite engine passes its configuration parameters on, so
 * the engine's settings work as for a direct run.
 */
class SuiteEngineTest {
    @TempDir Path dir;

    @Suite
    @IncludeEngines("editgate")
    @SelectDirectories("src/test/resources/dev/editgate/engine/suites/passing")
    static class PassingSuites {}

    @Test
    void aSuiteClassRunsTheSelectedFolderThroughTheEditgateEngine() {
        EngineTestKit.engine("junit-platform-suite")
                .configurationParameter(Constants.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(
                        Constants.BASELINES_DIR, dir.resolve("baselines").toString())
                .configurationParameter(Constants.RUN_ID, "suite-engine")
                .selectors(selectClass(PassingSuites.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(6).succeeded(6).failed(0));
        assertThat(ResultStore.read(dir.resolve("reports/suite-engine/results.jsonl"))).hasSize(6);
    }
}
