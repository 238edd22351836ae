package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A run writes each sweep of its suites as one Allure result where Allure writes the run's results
 * (Allure's lifecycle: {@code target/allure-results} under Maven, {@code
 * reports/<run>/allure-results} under the CLI), with the files of {@code reports/<run>/sweeps/} as
 * attachments; a suite without a matrix writes none.
 */
class SweepAllureRunTest {
    private static final Path MATRIX =
            Path.of("src/test/resources/dev/editgate/engine/matrix/sweep.yaml");
    private static final Path PLAIN =
            Path.of("src/test/resources/dev/editgate/engine/suites/passing/norms.yaml");

    @TempDir Path dir;
    private AllureLifecycle lifecycle;

    @BeforeEach
    void ownAllureResults() {
        // Allure's lifecycle is made once per JVM (under Surefire: towards target/allure-results);
        // this test reads the results of its own runs
        lifecycle = Allure.getLifecycle();
        Allure.setLifecycle(
                new AllureLifecycle(new FileSystemResultsWriter(dir.resolve("allure"))));
    }

    @AfterEach
    void restore() {
        Allure.setLifecycle(lifecycle);
    }

    private void run(Path suite, String runId) {
        run(suite, runId, Map.of());
    }

    private void run(Path suite, String runId, Map<String, String> more) {
        EngineTestKit.engine(new EditGateEngine())
                .configurationParameters(more)
                .configurationParameter(Constants.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(Constants.BASELINES_DIR, dir.resolve("base").toString())
                .configurationParameter(Constants.SUITES_ROOT, suite.getParent().toString())
                .configurationParameter(Constants.RUN_ID, runId)
                .selectors(selectFile(suite.toFile()))
                .execute();
    }

    private List<Path> results() throws IOException {
        Path allure = dir.resolve("allure");
        if (!Files.isDirectory(allure)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(allure)) {
            return s.filter(p -> p.toString().endsWith("-result.json")).toList();
        }
    }

    @Test
    void eachSweepIsOneAllureResultCarryingTheSweepFiles() throws IOException {
        run(MATRIX, "r");

        Path sweep = dir.resolve("reports/r/sweeps/sweep/shrink");
        Map<String, String> drawn = new TreeMap<>();
        try (Stream<Path> s = Files.list(sweep)) {
            for (Path p : s.toList()) {
                drawn.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertThat(drawn.keySet())
                .containsExactly("drift.svg", "emb-norm.svg", "results.csv", "tables.md");

        List<Path> results = results();
        assertThat(results).hasSize(1);
        JsonNode result = new ObjectMapper().readTree(results.get(0).toFile());
        assertThat(result.get("name").asText())
                .isEqualTo("sweep sweep/shrink by factor, batch_size");
        assertThat(result.get("status").asText()).isEqualTo("failed"); // factor 0.9 breaks it
        Map<String, String> labels = new TreeMap<>();
        result.get("labels")
                .forEach(l -> labels.put(l.get("name").asText(), l.get("value").asText()));
        assertThat(labels)
                .containsEntry("suite", "sweep")
                .containsEntry("subSuite", "shrink")
                .containsEntry("tag", "sweep");
        Map<String, String> attached = new TreeMap<>();
        for (JsonNode a : result.get("attachments")) {
            attached.put(
                    a.get("name").asText(),
                    Files.readString(dir.resolve("allure").resolve(a.get("source").asText())));
        }
        assertThat(attached).isEqualTo(drawn);
    }

    @Test
    void aShardMeasuresPartOfASweepAndWritesNoSweepResult() throws IOException {
        run(MATRIX, "s1", Map.of(Constants.SHARD, "1/2"));

        // the shard measured points of the sweep (its partial sweep files are written)
        assertThat(dir.resolve("reports/s1/sweeps/sweep/shrink/results.csv")).isNotEmptyFile();
        assertThat(results()).isEmpty();
    }

    @Test
    void aSuiteWithoutAMatrixWritesNoSweepResult() throws IOException {
        run(PLAIN, "p");

        assertThat(dir.resolve("reports/p/results.jsonl")).isNotEmptyFile();
        assertThat(dir.resolve("reports/p/sweeps")).doesNotExist();
        assertThat(results()).isEmpty();
    }
}
