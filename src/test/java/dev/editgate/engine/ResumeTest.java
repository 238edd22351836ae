package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ResumeTest {
    @TempDir Path dir;

    private static FileSelector norms() {
        return selectFile(Fixtures.suite("passing/norms.yaml").toFile());
    }

    private Path results(String runId) {
        return dir.resolve("reports").resolve(runId).resolve("results.jsonl");
    }

    @Test
    void resumingAnInterruptedRunMeasuresOnlyWhatIsMissing() throws IOException {
        Fixtures.kit(dir, "r1").selectors(norms()).execute();
        Path file = results("r1");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        // as if the JVM died while writing the fourth line
        Files.writeString(
                file,
                String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 40),
                StandardCharsets.UTF_8);

        int before = ScaleWeightMethodProvider.APPLIED.get();
        EngineExecutionResults r =
                Fixtures.kit(dir, "ignored")
                        .configurationParameter(Constants.RESUME, "r1")
                        .selectors(norms())
                        .execute();

        r.testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        List<ResultRecord> records = ResultStore.read(file);
        assertThat(records).hasSize(6);
        assertThat(records.stream().map(ResultRecord::key).distinct()).hasSize(6);
        assertThat(ScaleWeightMethodProvider.APPLIED.get() - before).isEqualTo(10);
    }

    @Test
    void aCompleteRunIsReportedFromItsRecordsWithoutEditing() {
        Fixtures.kit(dir, "r2")
                .selectors(selectFile(Fixtures.suite("failing/decay.yaml").toFile()))
                .execute();
        int before = ScaleWeightMethodProvider.APPLIED.get();

        EngineExecutionResults r =
                Fixtures.kit(dir, "x")
                        .configurationParameter(Constants.RESUME, "r2")
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
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.startsWith(
                                                                "emb-norm after 10 scale-weight edits: ")))));
        assertThat(ScaleWeightMethodProvider.APPLIED.get() - before).isZero();
        assertThat(ResultStore.read(results("r2"))).hasSize(3);
    }

    @Test
    void aChangedHyperparameterIsNotTheSameMeasurement() throws IOException {
        Fixtures.kit(dir, "r3").selectors(norms()).execute();
        Path suite =
                Files.writeString(
                        dir.resolve("norms.yaml"),
                        Fixtures.movedSuite("passing/norms.yaml")
                                .replace("factor: 0.99", "factor: 0.98"));

        int before = ScaleWeightMethodProvider.APPLIED.get();
        Fixtures.kit(dir, "x")
                .configurationParameter(Constants.RESUME, "r3")
                .selectors(selectFile(suite.toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(6).succeeded(6));

        assertThat(ScaleWeightMethodProvider.APPLIED.get() - before).isEqualTo(10);
        assertThat(ResultStore.read(results("r3"))).hasSize(12);
    }

    @Test
    void anEditedPresetIsNotTheSameMeasurement() throws IOException {
        Path presets = dir.resolve("presets");
        Files.createDirectories(presets.resolve("scale-weight"));
        Path preset = presets.resolve("scale-weight/shrink.yaml");
        Files.writeString(preset, "tensor: model.embed_tokens.weight\nfactor: 0.99\n");
        Path suite =
                Files.writeString(
                        dir.resolve("norms.yaml"),
                        Fixtures.movedSuite("passing/norms.yaml")
                                .replace(
                                        "hparams: { tensor: model.embed_tokens.weight, factor: 0.99,"
                                                + " layers: [0] }",
                                        "hparams: { preset: shrink }"));
        Fixtures.kit(dir, "r4")
                .configurationParameter(Constants.PRESETS, presets.toString())
                .selectors(selectFile(suite.toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(6).succeeded(6));

        // the same preset: nothing to measure again
        int before = ScaleWeightMethodProvider.APPLIED.get();
        Fixtures.kit(dir, "x")
                .configurationParameter(Constants.PRESETS, presets.toString())
                .configurationParameter(Constants.RESUME, "r4")
                .selectors(selectFile(suite.toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(6).succeeded(6));
        assertThat(ScaleWeightMethodProvider.APPLIED.get() - before).isZero();
        assertThat(ResultStore.read(results("r4"))).hasSize(6);

        // the preset edited, the suite unchanged: a new configuration, measured again
        Files.writeString(preset, "tensor: model.embed_tokens.weight\nfactor: 0.98\n");
        Fixtures.kit(dir, "x")
                .configurationParameter(Constants.PRESETS, presets.toString())
                .configurationParameter(Constants.RESUME, "r4")
                .selectors(selectFile(suite.toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(6).succeeded(6));
        assertThat(ScaleWeightMethodProvider.APPLIED.get() - before).isEqualTo(10);
        List<ResultRecord> records = ResultStore.read(results("r4"));
        assertThat(records).hasSize(12);
        assertThat(records.stream().map(ResultRecord::hparamsHash).distinct()).hasSize(2);
    }
}
