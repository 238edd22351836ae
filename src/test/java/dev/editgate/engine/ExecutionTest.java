package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

class ExecutionTest {
    @TempDir Path dir;

    @Test
    void passingSuiteRecordsEveryMeasurementWithBaseline() {
        EngineExecutionResults r =
                Fixtures.kit(dir, "run1")
                        .selectors(selectFile(Fixtures.suite("passing/norms.yaml").toFile()))
                        .execute();

        r.testEvents().assertStatistics(s -> s.started(6).succeeded(6).failed(0));
        List<ResultRecord> records = ResultStore.read(dir.resolve("reports/run1/results.jsonl"));
        assertThat(records).hasSize(6);
        ResultRecord emb10 =
                records.stream()
                        .filter(x -> x.capability().equals("emb-norm") && x.editsApplied() == 10)
                        .findFirst()
                        .orElseThrow();
        assertThat(emb10.value() / emb10.baseline())
                .isCloseTo(Math.pow(0.99, 10), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(emb10.method()).isEqualTo("scale-weight");
        assertThat(emb10.verdict()).isEqualTo("pass");
        assertThat(emb10.modelHash()).hasSize(64);
        assertThat(emb10.threshold()).containsEntry("min_ratio_to_baseline", 0.5);
        assertThat(emb10.suiteDescription())
                .isEqualTo(
                        "the embedding norm shrinks by 1% per edit and stays above half its"
                                + " baseline");
        assertThat(dir.resolve("reports/run1/summary.txt"))
                .content()
                .startsWith("suite norms\n  the embedding norm shrinks");
        assertThat(dir.resolve("reports/run1/items/norms/shrink/10-emb-norm.jsonl")).exists();
        // parameter drift of the changed tensor, once per checkpoint: W = 0.99^n W0
        List<String> drift;
        try {
            drift = Files.readAllLines(dir.resolve("reports/run1/drift.jsonl"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(drift)
                .hasSize(3)
                .allSatisfy(
                        l ->
                                assertThat(l)
                                        .contains("\"tensor\":\"model.embed_tokens.weight\"")
                                        .containsPattern("\"pearson\":(1\\.0|0\\.99999)"));
        assertThat(drift.get(2))
                .contains("\"edits_applied\":10")
                .containsPattern("\"relative_change\":0\\.0956");
        // one line per batch, cut at checkpoints 1 and 5 (batch_size 2), with the method's details
        List<String> edits;
        try {
            edits = Files.readAllLines(dir.resolve("reports/run1/edits.jsonl"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(edits)
                .extracting(
                        l ->
                                l.replaceAll(
                                        ".*\"first_edit\":(\\d+),\"last_edit\":(\\d+),.*", "$1-$2"))
                .containsExactly("1-1", "2-3", "4-5", "6-7", "8-9", "10-10");
        assertThat(edits)
                .allSatisfy(
                        l ->
                                assertThat(l)
                                        .contains(
                                                "\"scenario\":\"shrink\"",
                                                "\"method\":\"scale-weight\"",
                                                "\"changed_tensors\":[\"model.embed_tokens.weight\"]",
                                                "\"details\":{\"factor\":0.99}")
                                        .containsPattern("\"seconds\":[0-9.E-]+"));
        assertThat(dir.resolve("reports/run1/summary.txt"))
                .content()
                .contains("scenario", "emb-norm")
                .containsPattern("(?m)^\\S+\\s+10\\s");
        // each baseline is cached with its items, and the items reach every run's report
        List<String> cached;
        try (var files = Files.list(dir.resolve("baselines").resolve(emb10.modelHash()))) {
            cached = files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(cached).hasSize(4).filteredOn(f -> f.endsWith(".items.jsonl")).hasSize(2);
        Path baselineItems = dir.resolve("reports/run1/items/norms/_baseline_/0-emb-norm.jsonl");
        assertThat(baselineItems).content().startsWith("{\"id\":");
        Fixtures.kit(dir, "run1b")
                .selectors(selectFile(Fixtures.suite("passing/norms.yaml").toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(6));
        assertThat(dir.resolve("reports/run1b/items/norms/_baseline_/0-emb-norm.jsonl"))
                .hasSameTextualContentAs(baselineItems);
    }

    @Test
    void thresholdFailureNamesCapabilityMethodEditsValueBaselineAndThreshold() {
        EngineExecutionResults r =
                Fixtures.kit(dir, "run2")
                        .selectors(selectFile(Fixtures.suite("failing/decay.yaml").toFile()))
                        .execute();

        r.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        r.testEvents()
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("emb-norm after 10 scale-weight edits"),
                                finishedWithFailure(
                                        instanceOf(AssertionFailedError.class),
                                        message(
                                                m ->
                                                        m.matches(
                                                                "emb-norm after 10 scale-weight edits: "
                                                                        + "[0-9.]+ < 0\\.5 × baseline [0-9.]+")))));
    }

    @Test
    void benchmarkErrorFailsItsTestWithTheCause() {
        EngineExecutionResults r =
                Fixtures.kit(dir, "run3")
                        .selectors(
                                selectFile(Fixtures.suite("errors/missing-tensor.yaml").toFile()))
                        .execute();

        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        r.testEvents()
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.contains(
                                                                        "capability ghost: the benchmark"
                                                                                + " could not be created")
                                                                || m.contains(
                                                                        "model.ghost.weight")))));
    }

    @Test
    void malformedSuitesFailAsOneContainerEachWhileOthersRun() {
        EngineExecutionResults r =
                Fixtures.kit(dir, "run4")
                        .selectors(selectDirectory(Fixtures.SUITES.toFile()))
                        .execute();

        r.containerEvents()
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container("typo.yaml"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.contains(
                                                                "typo.yaml:2:53: unknown key 'dtyp' in model (did you mean"
                                                                        + " 'dtype'? accepted: device, dtype, matrix, path)")))))
                .haveExactly(
                        1,
                        event(
                                container("unknown-method.yaml"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.contains(
                                                                        ":4:18: checkpoint 10 is beyond edits.take = 5")
                                                                && m.contains(
                                                                        ":6:22: unknown method 'scale-wieght' (did you"
                                                                                + " mean 'scale-weight'? accepted: alphaedit, external, ft, grace, memit, mend, r-rome, rome, scale-weight, zero-entries)")
                                                                && m.contains(
                                                                        ":8:25: unknown benchmark 'mmlu-pro'")))))
                .haveExactly(
                        1,
                        event(
                                container("syntax.yaml"),
                                finishedWithFailure(
                                        message(m -> m.contains("syntax.yaml:3:1: YAML syntax:")))))
                .haveExactly(
                        1,
                        event(
                                container("missing-files.yaml"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.contains("model.path: no folder")
                                                                && m.contains(
                                                                        "environment variable"
                                                                                + " 'EDITGATE_NO_SUCH_VARIABLE' is not set")))));
        r.containerEvents().failed().assertThatEvents().hasSize(4);
        r.testEvents().assertStatistics(s -> s.started(6 + 3 + 1).succeeded(6 + 2));
    }

    /**
     * {@code editgate.shared} set as a configuration parameter (as in {@code
     * junit-platform.properties}) moves {@code ${editgate.shared}}; a suite whose data lies in an
     * absent shared folder is skipped with the reason, not failed.
     */
    @Test
    void aSuiteOnAnAbsentSharedFolderIsSkippedWithTheReason() {
        EngineExecutionResults r =
                Fixtures.kit(dir, "run6")
                        .configurationParameter(
                                Constants.SHARED, dir.resolve("no-shared").toString())
                        .selectors(
                                selectFile(
                                        Path.of(
                                                        "src/test/resources/dev/editgate/engine/absent/needs-shared.yaml")
                                                .toFile()))
                        .execute();

        r.containerEvents()
                .skipped()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container("needs-shared.yaml"),
                                skippedWithReason(
                                        m ->
                                                m.contains("inputs absent on this machine")
                                                        && m.contains("edits.dataset: no file")
                                                        && m.contains(
                                                                dir.resolve("no-shared")
                                                                        + " is absent on this machine"))));
        r.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void uniqueIdReselectionRunsOnlyThatTestAndItsEdits() {
        int before = ScaleWeightMethodProvider.APPLIED.get();
        EngineExecutionResults r =
                Fixtures.kit(dir, "run5")
                        .selectors(
                                selectUniqueId(
                                        "[engine:editgate]/[suite:norms]/[scenario:shrink]/[checkpoint:5]"
                                                + "/[capability:head-norm]"))
                        .execute();

        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        r.testEvents()
                .succeeded()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("head-norm after 5 scale-weight edits"),
                                finishedSuccessfully()));
        assertThat(ScaleWeightMethodProvider.APPLIED.get() - before).isEqualTo(5);
    }
}
