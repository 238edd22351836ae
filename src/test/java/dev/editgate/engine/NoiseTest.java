package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.report.VerdictStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Gates that know noise from damage: the same drop on 400 items and on 20. */
class NoiseTest {
    @TempDir Path dir;

    @Test
    void theSameDropFailsOnFourHundredItemsAndPassesAsNoiseOnTwenty() {
        Path suite = Path.of("src/test/resources/dev/editgate/engine/noise/same-drop.yaml");
        EngineExecutionResults r =
                Fixtures.kit(dir, "noise").selectors(selectFile(suite.toFile())).execute();

        r.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        r.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("n400 after 4 zero-entries edits"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.matches(
                                                                "n400 after 4 zero-entries edits:"
                                                                        + " drop 0\\.2 from baseline 1"
                                                                        + " to 0\\.8 > max_drop 0\\.05"
                                                                        + " \\(95% CI 0\\.76[0-9]*–0\\.83[0-9]*;"
                                                                        + " baseline CI 1–1; p ="
                                                                        + " [0-9.]+e-17 < 0\\.05, exact"
                                                                        + " McNemar: 80 right→wrong, 0"
                                                                        + " wrong→right of 400 items\\)")))))
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("n20 after 4 zero-entries edits"),
                                finishedSuccessfully()))
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("n20-point after 4 zero-entries edits"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.startsWith(
                                                                        "n20-point after 4 zero-entries edits:"
                                                                                + " drop 0.2 from baseline 1 to 0.8 > max_drop 0.05")
                                                                && m.contains(
                                                                        "p = 0.15, exact McNemar")))));

        Map<String, ResultRecord> records =
                ResultStore.read(dir.resolve("reports/noise/results.jsonl")).stream()
                        .collect(Collectors.toMap(ResultRecord::capability, Function.identity()));
        VerdictStatistics n20 = records.get("n20").statistics();
        assertThat(records.get("n20").verdict()).isEqualTo("pass");
        assertThat(records.get("n20").value()).isEqualTo(0.8);
        assertThat(n20.pValues().get("max_drop"))
                .isCloseTo(
                        0.625 * 0.625 * 0.625 * 0.625, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(n20.notes())
                .singleElement()
                .asString()
                .startsWith("within noise at 95%: drop 0.2 from baseline 1 to 0.8 > max_drop 0.05");
        assertThat(n20.ci()).hasSize(2);
        assertThat(n20.flips()).containsEntry("right_to_wrong", 4);
        // with a fifth of the items flipping, telling a change of 0.05 from none takes 532 items
        assertThat(n20.minItems()).isEqualTo(532);
        assertThat(n20.warnings())
                .singleElement()
                .asString()
                .isEqualTo(
                        "too few items: max_drop 0.05 needs 532 items to detect a true change of"
                                + " 0.05 with 80% power at α = 0.05 (0.2 of items flipping, as"
                                + " here); 20 scored, power 0.05");
        assertThat(records.get("n400").statistics().warnings())
                .singleElement()
                .asString()
                .endsWith("400 scored, power 0.69");
        assertThat(dir.resolve("reports/noise/summary.txt"))
                .content()
                .contains("0.8 [", "within noise");
        List<String> failed =
                records.values().stream()
                        .filter(x -> !x.passed())
                        .map(ResultRecord::capability)
                        .sorted()
                        .toList();
        assertThat(failed).containsExactly("n20-point", "n400");
    }

    @Test
    void aBaselineCachedWithoutItemsFallsBackToThePointVerdictWithANote() throws IOException {
        Path suite = Path.of("src/test/resources/dev/editgate/engine/noise/same-drop.yaml");
        Fixtures.kit(dir, "first").selectors(selectFile(suite.toFile())).execute();
        // an older cache: scores without their item records
        try (Stream<Path> files = Files.walk(dir.resolve("baselines"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".items.jsonl")).toList()) {
                Files.delete(f);
            }
        }
        EngineExecutionResults r =
                Fixtures.kit(dir, "older").selectors(selectFile(suite.toFile())).execute();

        // n20 cannot be tested for significance now: its point value decides, and it fails
        r.testEvents().assertStatistics(s -> s.started(3).failed(3));
        ResultRecord n20 =
                ResultStore.read(dir.resolve("reports/older/results.jsonl")).stream()
                        .filter(x -> x.capability().equals("n20"))
                        .findFirst()
                        .orElseThrow();
        assertThat(n20.statistics().ci()).isNotNull();
        assertThat(n20.statistics().baselineCi()).isNull();
        assertThat(n20.statistics().pValues()).isEmpty();
        assertThat(n20.statistics().notes())
                .anySatisfy(n -> assertThat(n).startsWith("the baseline has no item records"))
                .contains("max_drop: no p-value, so the point value decides");
    }
}
