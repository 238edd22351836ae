package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code method: external} through the whole engine, on the in-repo tiny LLaMA fixture with toy
 * Python workers (standard library only). Needs the machine's {@code python3}, which {@code
 * .ci/run} installs; skipped without it.
 */
class ExternalWorkerSuiteTest {
    static final Path DIR = Path.of("src/test/resources/dev/editgate/edit/external");

    @TempDir Path dir;

    @BeforeAll
    static void needsPython() {
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !p.isEmpty() && Files.isExecutable(Path.of(p, "python3"));
        }
        assumeTrue(found, "needs python3 on PATH (.ci/run installs it)");
    }

    @Test
    void failingWorkersEndOnlyTheirScenarioAndTheNextStartsPristine() throws IOException {
        EngineExecutionResults r =
                Fixtures.kit(dir, "ext")
                        .selectors(selectFile(DIR.resolve("suites/workers.yaml").toFile()))
                        .execute();

        // scale and scale-again: 2 checkpoints each pass; crash: its first checkpoint fails
        r.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        r.containerEvents()
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container("checkpoint:1"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.contains(
                                                                        "external failed on edits 1..1 of scenario crash")
                                                                && m.contains(
                                                                        "external worker 'crash' of external-workers/crash, batch 1 (edits 1..1)")
                                                                && m.contains(
                                                                        "exited with code 3")))));
        r.containerEvents()
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container("adaptor"),
                                finishedWithFailure(
                                        message(m -> m.contains("does not modify weights")))));

        List<ResultRecord> records = ResultStore.read(dir.resolve("reports/ext/results.jsonl"));
        List<Double> scale = values(records, "scale");
        assertThat(scale).hasSize(2);
        assertThat(values(records, "scale-again")).isEqualTo(scale);
        ResultRecord three =
                records.stream()
                        .filter(x -> x.scenario().equals("scale") && x.editsApplied() == 3)
                        .findFirst()
                        .orElseThrow();
        assertThat(three.value() / three.baseline())
                .isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(three.method()).isEqualTo("external");

        List<String> edits = Files.readAllLines(dir.resolve("reports/ext/edits.jsonl"));
        assertThat(edits)
                .filteredOn(l -> l.contains("\"scenario\":\"scale\""))
                .hasSize(3)
                .allSatisfy(
                        l ->
                                assertThat(l)
                                        .contains(
                                                "\"changed_tensors\":[\"model.layers.0.mlp.down_proj.weight\"]",
                                                "\"factor\":0.5",
                                                "\"worker\":\"scale 1.0\"")
                                        .containsPattern("\"norm\":[0-9.]+"));
        assertThat(Files.readString(dir.resolve("reports/ext/drift.jsonl")))
                .contains("\"scenario\":\"scale\"", "model.layers.0.mlp.down_proj.weight");
        assertThat(dir.resolve("reports/ext/workers/external-workers/scale/stderr.log"))
                .content()
                .contains("scale worker loaded");
        assertThat(dir.resolve("reports/ext/workers/external-workers/crash/stderr.log"))
                .content()
                .contains("crash worker: giving up on purpose");
    }

    @Test
    void readmeShowsTheMinimalWorkerAsItIsTested() throws IOException {
        assertThat(Files.readString(Path.of("README.md")))
                .contains(Files.readString(DIR.resolve("scale_worker.py")).strip());
    }

    private static List<Double> values(List<ResultRecord> records, String scenario) {
        return records.stream()
                .filter(x -> x.scenario().equals(scenario))
                .map(ResultRecord::value)
                .toList();
    }

    @Test
    void settingsAreCheckedAtTheirLineAndColumn() {
        EngineExecutionResults r =
                Fixtures.kit(dir, "bad")
                        .selectors(
                                selectFile(
                                        DIR.resolve("suites-malformed/bad-settings.yaml").toFile()))
                        .execute();
        r.containerEvents()
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container("bad-settings.yaml"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.contains(
                                                                        "bad-settings.yaml:9:14: external command: must be a non-empty list of strings")
                                                                && m.contains(
                                                                        ":10:16: external timeout_s: must be a number of seconds above 0")
                                                                && m.contains(
                                                                        ":11:10: external env: variable name '1BAD' is not accepted")
                                                                && m.contains(
                                                                        ":12:73: external workdir: no folder")
                                                                && m.contains(
                                                                        ":12:41: external command: the program 'no-such-program-xyz' is not found on PATH")
                                                                && m.contains(
                                                                        ":13:54: external command: the program ")
                                                                && m.contains(
                                                                        "missing_worker.py does not exist")
                                                                && m.contains(
                                                                        ":14:28: unknown key 'command' in scenarios[3]")
                                                                && m.contains(
                                                                        ":15:5: external command: missing")
                                                                && !m.contains("any")))));
    }
}
