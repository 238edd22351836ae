package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.scenario.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A matrix over the suite's model: every scenario runs on each model with its own id, each model is
 * loaded once, its baselines and pristine locality are measured once on it and never shared with
 * the other, {@code ${model.name}} picks per-model hyperparameters, and the expansion selects,
 * resumes, shards and reports like written scenarios.
 */
class ModelMatrixSuiteTest {
    static final Path SUITE = Path.of("src/test/resources/dev/editgate/engine/matrix/models.yaml");
    static final List<String> IDS =
            List.of(
                    "shrink-bs1-mllama-gqa",
                    "shrink-bs2-mllama-gqa",
                    "plain-mllama-gqa",
                    "shrink-bs1-mqwen2",
                    "shrink-bs2-mqwen2",
                    "plain-mqwen2");

    @TempDir Path dir;
    private final List<String> loaded = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger locality = new AtomicInteger();

    private EngineTestKit.Builder kit(String runId) {
        EngineServices d = EngineServices.defaults();
        EngineServices services =
                new EngineServices(
                        (ModelSpec spec) -> {
                            loaded.add(spec.path().getFileName().toString());
                            return d.modelLoader().apply(spec);
                        },
                        d.editLoader(),
                        (model, edits) -> {
                            locality.incrementAndGet();
                            return Optional.of(List.of());
                        },
                        d.progress(),
                        d.suites());
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
    void everyScenarioRunsOnEachModelWithItsOwnBaselines() throws IOException {
        int evaluated = WeightNormBenchmarkProvider.EVALUATED.get();

        var r = kit("m1").selectors(selectFile(SUITE.toFile())).execute();

        // 6 scenarios × 2 checkpoints; factor 0.5 (qwen2's preset) fails at 2 and 4 edits
        r.testEvents().assertStatistics(s -> s.started(12).succeeded(8).failed(4));
        List<ResultRecord> records = results("m1");
        assertThat(records.stream().map(ResultRecord::scenario).distinct())
                .containsExactlyElementsOf(IDS);
        // each model loaded once; per model one baseline and one pristine-locality computation
        assertThat(loaded).containsExactly("llama-gqa", "qwen2");
        assertThat(WeightNormBenchmarkProvider.EVALUATED.get() - evaluated).isEqualTo(2 + 12);
        assertThat(locality.get()).isEqualTo(2);
        // the baseline of each scenario is its own model's, never the other's
        Map<String, Set<Double>> baselines = new TreeMap<>();
        Map<String, Set<String>> hashes = new TreeMap<>();
        for (ResultRecord x : records) {
            String model = x.scenario().endsWith("-mqwen2") ? "qwen2" : "llama-gqa";
            baselines.computeIfAbsent(model, k -> new TreeSet<>()).add(x.baseline());
            hashes.computeIfAbsent(model, k -> new TreeSet<>()).add(x.modelHash());
        }
        assertThat(baselines.get("qwen2")).hasSize(1);
        assertThat(baselines.get("llama-gqa"))
                .hasSize(1)
                .doesNotContainAnyElementsOf(baselines.get("qwen2"));
        assertThat(hashes.get("qwen2"))
                .hasSize(1)
                .doesNotContainAnyElementsOf(hashes.get("llama-gqa"));
        // ${model.name} chose each model's factor
        assertThat(ratio(records, "shrink-bs1-mllama-gqa", 2)).isCloseTo(0.81, within(1e-4));
        assertThat(ratio(records, "shrink-bs2-mqwen2", 4)).isCloseTo(0.0625, within(1e-4));

        // the summary table: one baseline row per model
        assertThat(dev.editgate.report.SummaryTable.render(records))
                .contains("(baseline of shrink-bs1-mllama-gqa)", "(baseline of shrink-bs1-mqwen2)")
                .doesNotContain("(baseline) ");

        // the sweep report: one series per model (and batch size), an unedited row per model
        Path shrink = dir.resolve("reports/m1/sweeps/models/shrink");
        assertThat(Files.readString(shrink.resolve("emb-norm.svg")))
                .contains("bs1-mllama-gqa", "bs2-mllama-gqa", "bs1-mqwen2", "bs2-mqwen2");
        assertThat(Files.readString(shrink.resolve("tables.md")))
                .contains("| unedited llama-gqa |", "| unedited qwen2 |")
                .contains("| shrink-bs2-mqwen2 | 2 | qwen2 |");
        assertThat(Files.readString(dir.resolve("reports/m1/sweeps/models/plain/emb-norm.svg")))
                .contains("mllama-gqa", "mqwen2");

        // resumed: nothing is loaded, edited or measured again
        loaded.clear();
        int applied = ScaleWeightMethodProvider.APPLIED.get();
        kit("x").configurationParameter(Constants.RESUME, "m1")
                .selectors(selectFile(SUITE.toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(12).failed(4));
        assertThat(ScaleWeightMethodProvider.APPLIED.get()).isEqualTo(applied);
    }

    @Test
    void aScenarioOnOneModelLoadsOnlyThatModelAndShardsLikeAnyOther() {
        kit("u").selectors(
                        selectUniqueId("[engine:editgate]/[suite:models]/[scenario:plain-mqwen2]"))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(results("u")).extracting(ResultRecord::scenario).containsOnly("plain-mqwen2");
        assertThat(loaded).containsExactly("qwen2");

        Set<String> seen = new TreeSet<>();
        for (String shard : List.of("1/2", "2/2")) {
            String run = "s" + shard.charAt(0);
            kit(run).configurationParameter(Constants.SHARD, shard)
                    .selectors(selectFile(SUITE.toFile()))
                    .execute();
            Set<String> mine =
                    results(run).stream().map(ResultRecord::scenario).collect(Collectors.toSet());
            assertThat(mine).isNotEmpty();
            assertThat(Collections.disjoint(mine, seen)).isTrue();
            seen.addAll(mine);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(IDS);
    }

    private static double ratio(List<ResultRecord> records, String scenario, int edits) {
        ResultRecord x =
                records.stream()
                        .filter(y -> y.scenario().equals(scenario) && y.editsApplied() == edits)
                        .findFirst()
                        .orElseThrow();
        return x.value() / x.baseline();
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
