package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A scenario's {@code matrix:} runs as its expanded scenarios: ids, batch sizes, one baseline and
 * one pristine-locality computation for the whole expansion, unique-id selection, resume, shards.
 */
class MatrixSuiteTest {
    static final Path SUITE = Path.of("src/test/resources/dev/editgate/engine/matrix/sweep.yaml");
    static final List<String> IDS =
            List.of("shrink-f0.9-bs1", "shrink-f0.9-bs4", "shrink-f0.99-bs1", "shrink-f0.99-bs4");

    @TempDir Path dir;

    private static FileSelector sweep() {
        return selectFile(SUITE.toFile());
    }

    private EngineTestKit.Builder kit(String runId, PristineLocalitySource locality) {
        EngineServices d = EngineServices.defaults();
        EngineServices services =
                new EngineServices(
                        d.modelLoader(), d.editLoader(), locality, d.progress(), d.suites());
        return EngineTestKit.engine(new EditGateEngine(services))
                .configurationParameter(Constants.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(
                        Constants.BASELINES_DIR, dir.resolve("baselines").toString())
                .configurationParameter(Constants.SUITES_ROOT, SUITE.getParent().toString())
                .configurationParameter(Constants.RUN_ID, runId);
    }

    private List<ResultRecord> results(String runId) {
        return ResultStore.read(dir.resolve("reports").resolve(runId).resolve("results.jsonl"));
    }

    @Test
    void theExpansionRunsLikeWrittenScenariosSharingBaselineAndPristineLocality()
            throws IOException {
        AtomicInteger locality = new AtomicInteger();
        int evaluated = WeightNormBenchmarkProvider.EVALUATED.get();

        EngineExecutionResults r =
                kit(
                                "m1",
                                (model, edits) -> {
                                    locality.incrementAndGet();
                                    return Optional.of(List.of());
                                })
                        .selectors(sweep())
                        .execute();

        // 5 scenarios × 2 checkpoints; factor 0.9 breaks the norm at 8 edits, in both batch sizes
        r.testEvents().assertStatistics(s -> s.started(10).succeeded(8).failed(2));
        List<ResultRecord> records = results("m1");
        assertThat(records.stream().map(ResultRecord::scenario).distinct())
                .containsExactly(IDS.get(0), IDS.get(1), IDS.get(2), IDS.get(3), "plain");
        // one baseline for the suite, then one measurement per checkpoint and scenario
        assertThat(WeightNormBenchmarkProvider.EVALUATED.get() - evaluated).isEqualTo(1 + 10);
        assertThat(locality.get()).isEqualTo(1);
        assertThat(records.stream().map(ResultRecord::hparamsHash).distinct()).hasSize(5);
        // batch_size 4 applies two batches, batch_size 1 eight
        List<String> log =
                Files.readAllLines(dir.resolve("reports/m1/edits.jsonl"), StandardCharsets.UTF_8);
        assertThat(log.stream().filter(l -> l.contains("\"shrink-f0.9-bs4\""))).hasSize(2);
        assertThat(log.stream().filter(l -> l.contains("\"shrink-f0.9-bs1\""))).hasSize(8);
        ResultRecord bs4 =
                records.stream()
                        .filter(x -> x.scenario().equals(IDS.get(1)) && x.editsApplied() == 8)
                        .findFirst()
                        .orElseThrow();
        assertThat(bs4.value() / bs4.baseline()).isCloseTo(Math.pow(0.9, 8), within(1e-4));

        // the suite's sweep report: a chart per capability, Fig 6's drift chart, the tables
        Path sweepDir = dir.resolve("reports/m1/sweeps/sweep/shrink");
        assertThat(Files.readString(sweepDir.resolve("emb-norm.svg")))
                .startsWith("<?xml")
                .contains("f0.9-bs1", "f0.9-bs4", "f0.99-bs1", "f0.99-bs4")
                .doesNotContain("plain");
        assertThat(sweepDir.resolve("drift.svg")).isRegularFile();
        assertThat(Files.readString(sweepDir.resolve("tables.md")))
                .contains("### sweep/shrink after 8 edits", "| shrink-f0.9-bs4 | 0.9 | 4 |");

        // resumed: nothing is edited or measured again
        int applied = ScaleWeightMethodProvider.APPLIED.get();
        kit("x", (model, edits) -> Optional.of(List.of()))
                .configurationParameter(Constants.RESUME, "m1")
                .selectors(sweep())
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(10).failed(2));
        assertThat(ScaleWeightMethodProvider.APPLIED.get()).isEqualTo(applied);
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    @Test
    void anExpandedScenarioIsSelectedByItsUniqueIdAndShardsLikeAnyOther() {
        String id = "[engine:editgate]/[suite:sweep]/[scenario:shrink-f0.99-bs4]";
        kit("u", (model, edits) -> Optional.of(List.of()))
                .selectors(selectUniqueId(id))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(results("u")).extracting(ResultRecord::scenario).containsOnly(IDS.get(3));

        Set<String> shards = new TreeSet<>();
        for (String shard : List.of("1/2", "2/2")) {
            String run = "s" + shard.charAt(0);
            kit(run, (model, edits) -> Optional.of(List.of()))
                    .configurationParameter(Constants.SHARD, shard)
                    .selectors(sweep())
                    .execute();
            Set<String> mine = new TreeSet<>();
            results(run).forEach(x -> mine.add(x.scenario()));
            assertThat(mine).isNotEmpty();
            assertThat(Collections.disjoint(mine, shards)).isTrue();
            shards.addAll(mine);
        }
        assertThat(shards)
                .containsExactlyInAnyOrder(IDS.get(0), IDS.get(1), IDS.get(2), IDS.get(3), "plain");
    }
}
