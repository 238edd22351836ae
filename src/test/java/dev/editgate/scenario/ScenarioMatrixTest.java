package dev.editgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code matrix:} expands a scenario into one per combination, with readable, stable ids. */
class ScenarioMatrixTest {
    @TempDir Path dir;
    private SuiteParser parser;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("shared/models/m"));
        Files.writeString(dir.resolve("shared/edits.json"), "[]");
        parser = new SuiteParser(new TestCatalog(), Variables.of(dir.resolve("shared"), Map.of()));
    }

    /** A suite whose scenarios are {@code scenarios} (YAML lines, 2-space indented items). */
    private Path suite(String... scenarios) throws IOException {
        String text =
                String.join(
                        "\n",
                        "suite: sweep",
                        "model: { path: shared/models/m }",
                        "edits: { dataset: shared/edits.json, take: 20, batch_size: 2 }",
                        "checkpoints: [10, 20]",
                        "scenarios:",
                        String.join("\n", scenarios),
                        "capabilities:",
                        "  - { id: rel, benchmark: edit-reliability, scope: sequential }",
                        "");
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void expandsEveryCombinationFirstKeyOutermostWithReadableIds() throws IOException {
        Suite s =
                parser.parse(
                        suite(
                                "  - id: rome",
                                "    method: rome",
                                "    hparams: { v_lr: 0.5 }",
                                "    matrix: { layers: [[2], [4, 5]], batch_size: [1, 10] }",
                                "  - { id: plain, method: rome, batch_size: 4 }"));

        assertThat(s.scenarios())
                .extracting(ScenarioSpec::id)
                .containsExactly(
                        "rome-l[2]-bs1",
                        "rome-l[2]-bs10",
                        "rome-l[4,5]-bs1",
                        "rome-l[4,5]-bs10",
                        "plain");
        ScenarioSpec third = s.scenarios().get(2);
        assertThat(third.hparams())
                .containsEntry("layers", List.of(4, 5))
                .containsEntry("v_lr", 0.5);
        assertThat(third.hparams()).doesNotContainKey("batch_size");
        assertThat(third.batchSize()).isEqualTo(1);
        assertThat(third.batchSize(2)).isEqualTo(1);
        assertThat(third.matrix().base()).isEqualTo("rome");
        assertThat(third.matrix().values())
                .containsExactly(Map.entry("layers", List.of(4, 5)), Map.entry("batch_size", 1));
        assertThat(third.matrix().texts()).containsEntry("layers", "[4,5]");
        assertThat(third.position().line()).isEqualTo(6);
        ScenarioSpec plain = s.scenarios().get(4);
        assertThat(plain.matrix()).isNull();
        assertThat(plain.batchSize(2)).isEqualTo(4);
        assertThat(s.scenarios().get(0).batchSize(2)).isEqualTo(1);
    }

    @Test
    void numbersReadAsWritten() throws IOException {
        Suite s =
                parser.parse(
                        suite("  - { id: r, method: rome, matrix: { v_lr: [0.5, 1, 3e-2] } }"));

        assertThat(s.scenarios())
                .extracting(ScenarioSpec::id)
                .containsExactly("r-vl0.5", "r-vl1", "r-vl3e-2");
        assertThat(s.scenarios().get(1).hparams()).containsEntry("v_lr", 1);
    }

    @Test
    void keysWithTheSameInitialsAreWrittenInFull() {
        assertThat(ScenarioMatrix.label("layers", List.of("layers", "lr"))).isEqualTo("layers");
        assertThat(ScenarioMatrix.label("lr", List.of("layers", "lr"))).isEqualTo("lr");
        assertThat(ScenarioMatrix.label("batch_size", List.of("layers", "batch_size")))
                .isEqualTo("bs");
        assertThat(ScenarioMatrix.label("eps", List.of("eps"))).isEqualTo("e");
    }

    @Test
    void badMatricesAreReportedWithFileLineAndColumn() throws IOException {
        Path f =
                suite(
                        "  - { id: a, method: rome, matrix: { layer: [[2]] } }",
                        "  - { id: b, method: rome, matrix: { layers: [] } }",
                        "  - { id: c, method: rome, matrix: {} }",
                        "  - { id: d, method: rome, hparams: { v_lr: 1 }, matrix: { v_lr: [1, 2] } }",
                        "  - { id: e, method: rome, matrix: { v_steps: [5, 5] } }",
                        "  - { id: f, method: rome, matrix: { batch_size: [0] } }",
                        "  - { id: g, method: rome, matrix: { v_steps: [\"a b\", { x: 1 }] } }",
                        "  - { id: h-vl1, method: rome }",
                        "  - { id: h, method: rome, matrix: { v_lr: [1] } }",
                        "  - { id: i, method: rome, matrix: { id: [x] } }");

        assertThatThrownBy(() -> parser.parse(f))
                .isInstanceOfSatisfying(
                        InvalidSuiteException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(SuiteProblem::toString)
                                        .containsExactly(
                                                f
                                                        + ":6:38: unknown matrix key 'layer' in"
                                                        + " scenarios[0].matrix: not a rome"
                                                        + " hyperparameter or scenario setting (did"
                                                        + " you mean 'layers'? accepted:"
                                                        + " batch_size, layers, v_lr, v_steps)",
                                                f
                                                        + ":7:46: scenarios[1].matrix.layers is"
                                                        + " empty (accepted: a list of at least one"
                                                        + " value, e.g. [1, 10])",
                                                f
                                                        + ":8:36: scenarios[2].matrix is empty"
                                                        + " (accepted: a mapping of keys to lists"
                                                        + " of values, e.g. { layers: [[2], [5]] })",
                                                f
                                                        + ":9:60: scenarios[3].matrix.v_lr is also"
                                                        + " set in hparams (line 9): give it in one"
                                                        + " place",
                                                f
                                                        + ":10:51: scenarios[4].matrix.v_steps:"
                                                        + " value 5 is listed twice (first at line"
                                                        + " 10)",
                                                f
                                                        + ":11:51: scenarios[5].matrix.batch_size"
                                                        + " values must be integers ≥ 1, found the"
                                                        + " number 0",
                                                f
                                                        + ":12:48: scenarios[6].matrix.v_steps: the"
                                                        + " string 'a b' cannot name a scenario"
                                                        + " (accepted: numbers, booleans, strings"
                                                        + " of letters, digits, '.', '_' and '-',"
                                                        + " or non-empty lists of these)",
                                                f
                                                        + ":12:55: scenarios[6].matrix.v_steps: a"
                                                        + " mapping cannot name a scenario"
                                                        + " (accepted: numbers, booleans, strings"
                                                        + " of letters, digits, '.', '_' and '-',"
                                                        + " or non-empty lists of these)",
                                                f
                                                        + ":14:45: scenario id 'h-vl1' expanded"
                                                        + " from the matrix collides with the"
                                                        + " scenario id at line 13 (accepted: ids"
                                                        + " unique in the suite; rename either)",
                                                f
                                                        + ":15:38: scenarios[9].matrix cannot vary"
                                                        + " 'id' (accepted: batch_size and rome's"
                                                        + " hyperparameters and settings)"));
    }
}
