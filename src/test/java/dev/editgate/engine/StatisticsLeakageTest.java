package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.scenario.InvalidSuiteException;
import dev.editgate.scenario.Suite;
import dev.editgate.scenario.SuiteParser;
import dev.editgate.scenario.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite whose editor fits second moments on text a capability measures is invalid, with the
 * scenario's file:line:column; disjoint document ranges of the same file are accepted. With the
 * real providers (MEMIT, ROME, perplexity).
 */
class StatisticsLeakageTest {
    @TempDir Path dir;
    private SuiteParser parser;
    private Path text;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("edits.json"), "[]");
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < 6; s++) {
            b.append(" = Section ").append(s).append(" = \n");
            for (int p = 0; p < 3; p++) {
                b.append(" Paragraph ").append(p).append(" of section ").append(s).append(" .\n");
            }
        }
        text = dir.resolve("wiki.raw");
        Files.writeString(text, b);
        parser =
                new SuiteParser(
                        ProviderCatalog.load(
                                dev.editgate.edit.EditEnvironment.defaults(),
                                EditStreamLoader.editDatasets()),
                        Variables.of(dir, Map.of()));
    }

    private Suite parse(String scenarioHparams, String capabilitySettings) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "suite: leak",
                        "model: { path: m }",
                        "edits: { dataset: edits.json, take: 2 }",
                        "checkpoints: [1]",
                        "scenarios:",
                        "  - { id: memit, method: memit, hparams: { layers: [0, 1], mom2_dataset: \""
                                + text
                                + "\""
                                + scenarioHparams
                                + " } }",
                        "capabilities:",
                        "  - { id: lm, benchmark: perplexity, dataset: wiki.raw, separator: \"\\n = \""
                                + capabilitySettings
                                + ", assert: { max_ratio_to_baseline: 1.1 } }",
                        ""));
        return parser.parse(f);
    }

    @Test
    void statisticsOnTheTextPerplexityScoresMakeTheSuiteInvalid() {
        assertThatThrownBy(() -> parse("", ""))
                .isInstanceOf(InvalidSuiteException.class)
                .hasMessageContaining("s.yaml:6:5")
                .hasMessageContaining("scenario 'memit' fits second moments: documents all")
                .hasMessageContaining("capability 'lm' (line 8)")
                .hasMessageContaining(
                        "statistics must come from text disjoint from every capability")
                .hasMessageContaining("mom2_documents");
    }

    @Test
    void overlappingRangesAreInvalidAndNameTheLines() {
        // statistics documents (lines) 0-8 are sections 0-2 (lines 2-12); section 2 starts at 9
        assertThatThrownBy(() -> parse(", mom2_documents: \"0-8\"", ", documents: \"2-\""))
                .isInstanceOf(InvalidSuiteException.class)
                .hasMessageContaining("second moments: documents 0-8 of")
                .hasMessageContaining("lines 2-12")
                .hasMessageContaining("documents 2- (pieces split at \"\\n = \")");
    }

    @Test
    void disjointRangesOfTheSameFileAreAccepted() throws IOException {
        Suite s = parse(", mom2_documents: \"0-8\"", ", documents: \"3-\"");
        assertThat(s.scenarios()).hasSize(1);
    }

    @Test
    void statisticsOnTheEditStreamAreInvalid() throws IOException {
        Path f = dir.resolve("e.yaml");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "suite: leak2",
                        "model: { path: m }",
                        "edits: { dataset: edits.json, take: 2 }",
                        "checkpoints: [1]",
                        "scenarios:",
                        "  - { id: rome, method: rome, hparams: { layers: [0], mom2_dataset: \""
                                + dir.resolve("edits.json")
                                + "\" } }",
                        "  - { id: rome-identity, method: rome, hparams: { layers: [0],"
                                + " mom2_adjustment: false, mom2_dataset: \""
                                + dir.resolve("edits.json")
                                + "\" } }",
                        "capabilities:",
                        "  - { id: rel, benchmark: edit-reliability, assert: { min: 0.5 } }",
                        ""));
        assertThatThrownBy(() -> parser.parse(f))
                .isInstanceOf(InvalidSuiteException.class)
                .hasMessageContaining("scenario 'rome' fits")
                .hasMessageContaining("the edit stream")
                .satisfies(
                        e ->
                                assertThat(((InvalidSuiteException) e).problems())
                                        .as("ROME without the covariance reads no statistics")
                                        .hasSize(1));
    }

    @Test
    void anExternalWorkersLocalStatisticsFileCountsWhole() {
        var external = new dev.editgate.edit.external.ExternalProvider();
        assertThat(
                        external.statisticsTexts(
                                Map.of("mom2_dataset", text.toString()),
                                dev.editgate.edit.EditEnvironment.defaults()))
                .singleElement()
                .satisfies(t -> assertThat(t.isWhole()).isTrue());
        assertThat(
                        external.statisticsTexts(
                                Map.of("mom2_dataset", "wikipedia"),
                                dev.editgate.edit.EditEnvironment.defaults()))
                .isEmpty();
    }

    @Test
    void everyShippedSuiteKeepsStatisticsOffWhatItMeasures() throws IOException {
        SuiteParser real =
                new SuiteParser(
                        ProviderCatalog.load(
                                dev.editgate.edit.EditEnvironment.defaults(),
                                EditStreamLoader.editDatasets()),
                        Variables.defaults());
        try (Stream<Path> files = Files.walk(Path.of("suites"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                try {
                    real.parse(f);
                } catch (InvalidSuiteException e) {
                    assertThat(e.getMessage())
                            .as("%s", f)
                            .doesNotContain("statistics must come from text disjoint");
                }
            }
        }
    }
}
