package dev.editgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite model's {@code matrix:}: every scenario once per model, ids with {@code -m<folder>},
 * {@code ${model.name}} per model, and each mistake reported at its file:line:column.
 */
class ModelMatrixTest {
    @TempDir Path dir;
    private SuiteParser parser;

    @BeforeEach
    void setUp() throws IOException {
        for (String m : new String[] {"small", "large", "a/twin", "b/twin", "ma-mb", "b"}) {
            Files.createDirectories(dir.resolve("shared/models").resolve(m));
        }
        Files.writeString(dir.resolve("shared/edits.json"), "[]");
        Files.writeString(dir.resolve("small.hparams.yaml"), "v_lr: 0.5\n");
        Files.writeString(dir.resolve("large.hparams.yaml"), "v_lr: 0.1\n");
        parser = new SuiteParser(new TestCatalog(), Variables.of(dir.resolve("shared"), Map.of()));
    }

    /** A suite with this {@code model:} block (one line) and these scenarios. */
    private Path suite(String model, String... scenarios) throws IOException {
        String text =
                String.join(
                        "\n",
                        "suite: sizes",
                        "model: " + model,
                        "edits: { dataset: shared/edits.json, take: 20 }",
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

    private static final String TWO =
            "{ dtype: float32, matrix: { path: [shared/models/small, shared/models/large] } }";

    @Test
    void everyScenarioRunsOnEveryModelTheModelOutermost() throws IOException {
        Suite s =
                parser.parse(
                        suite(
                                TWO,
                                "  - { id: rome, method: rome, hparams_file:"
                                        + " \"${model.name}.hparams.yaml\","
                                        + " matrix: { layers: [[2], [5]] } }",
                                "  - { id: ft, method: rome }"));

        assertThat(s.scenarios())
                .extracting(ScenarioSpec::id)
                .containsExactly(
                        "rome-l[2]-msmall",
                        "rome-l[5]-msmall",
                        "ft-msmall",
                        "rome-l[2]-mlarge",
                        "rome-l[5]-mlarge",
                        "ft-mlarge");
        assertThat(s.hasModelMatrix()).isTrue();
        ScenarioSpec large = s.scenarios().get(4);
        assertThat(s.modelOf(large).path()).isEqualTo(dir.resolve("shared/models/large"));
        assertThat(s.modelOf(large).dtype()).isEqualTo("float32");
        assertThat(large.hparams())
                .containsEntry("v_lr", 0.1)
                .containsEntry("layers", java.util.List.of(5));
        assertThat(s.scenarios().get(0).hparams()).containsEntry("v_lr", 0.5);
        assertThat(large.matrix().base()).isEqualTo("rome");
        assertThat(large.matrix().texts())
                .containsExactly(Map.entry("layers", "[5]"), Map.entry("model", "large"));
        assertThat(large.matrix().labels()).containsEntry("model", "mlarge");
        assertThat(s.scenarios().get(5).matrix().base()).isEqualTo("ft");
        assertThat(s.model().path()).isEqualTo(dir.resolve("shared/models/small"));
    }

    @Test
    void aDtypeMatrixNamesItsValues() throws IOException {
        Suite s =
                parser.parse(
                        suite(
                                "{ path: shared/models/small, matrix: { dtype: [float32, bfloat16] } }",
                                "  - { id: ft, method: rome }"));
        assertThat(s.scenarios())
                .extracting(ScenarioSpec::id)
                .containsExactly("ft-dtypefloat32", "ft-dtypebfloat16");
        assertThat(s.modelOf(s.scenarios().get(1)).dtype()).isEqualTo("bfloat16");
    }

    @Test
    void withoutAMatrixModelNameIsTheFolderAndNothingIsRenamed() throws IOException {
        Suite s =
                parser.parse(
                        suite(
                                "{ path: shared/models/small }",
                                "  - { id: rome, method: rome, hparams_file: \"${model.name}.hparams.yaml\" }"));
        assertThat(s.scenarios()).extracting(ScenarioSpec::id).containsExactly("rome");
        assertThat(s.scenarios().get(0).hparams()).containsEntry("v_lr", 0.5);
        assertThat(s.scenarios().get(0).model()).isNull();
        assertThat(s.hasModelMatrix()).isFalse();
    }

    @Test
    void mistakesAreReportedWhereTheyAre() throws IOException {
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        suite(
                                                "{ matrix: { path: [], device: [cpu] } }",
                                                "  - { id: ft, method: rome }")))
                .isInstanceOf(InvalidSuiteException.class)
                .hasMessageContaining("s.yaml:2:26: model.matrix.path is empty")
                .hasMessageContaining("s.yaml:2:30: unknown key 'device' in model.matrix")
                .hasMessageContaining("accepted: dtype, path");
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        suite(
                                                "{ matrix: { path: [shared/models/small, shared/models/small] } }",
                                                "  - { id: ft, method: rome }")))
                .hasMessageContaining(
                        "s.yaml:2:48: model.matrix.path: shared/models/small is listed twice (first at line 2)");
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        suite(
                                                "{ matrix: { path: [shared/models/a/twin, shared/models/b/twin] } }",
                                                "  - { id: ft, method: rome }")))
                .hasMessageContaining(
                        "s.yaml:2:49: model.matrix.path: folder name 'twin' is also the name of the path at line 2");
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        suite(
                                                "{ path: shared/models/small, matrix: { path: [shared/models/large] } }",
                                                "  - { id: ft, method: rome }")))
                .hasMessageContaining(
                        "s.yaml:2:47: model.path is also given in model.matrix (line 2)");
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        suite(
                                                "{ matrix: { dtype: [float32] } }",
                                                "  - { id: ft, method: rome }")))
                .hasMessageContaining("s.yaml:2:8: missing key 'path' in model");
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        suite(
                                                "{ path: shared/models/small, matrix: { dtype: [float64] } }",
                                                "  - { id: ft, method: rome }")))
                .hasMessageContaining("unknown dtype 'float64' (accepted: float32");
    }

    @Test
    void expandedIdsThatCollideAreRefused() throws IOException {
        // "r" on model "ma-mb" and "r-mma" on model "b" both read r-mma-mb
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        suite(
                                                "{ matrix: { path: [shared/models/ma-mb, shared/models/b] } }",
                                                "  - { id: r, method: rome }",
                                                "  - { id: r-mma, method: rome }")))
                .isInstanceOf(InvalidSuiteException.class)
                .hasMessageContaining(
                        "s.yaml:2:48: scenario id 'r-mma-mb' expanded from the model matrix collides with the one from the scenario at line 6");
    }
}
