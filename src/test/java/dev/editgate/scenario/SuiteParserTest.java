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

class SuiteParserTest {
    @TempDir Path dir;
    private SuiteParser parser;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("shared/models/m"));
        Files.writeString(dir.resolve("shared/edits.json"), "[]");
        Files.writeString(dir.resolve("shared/text.txt"), "hello");
        parser =
                new SuiteParser(
                        new TestCatalog(),
                        Variables.of(
                                dir.resolve("shared"),
                                Map.of("DATA", dir.resolve("shared").toString())));
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String VALID =
            String.join(
                    "\n",
                    "suite: demo",
                    "model: { path: \"${editgate.shared}/models/m\", dtype: float32 }",
                    "edits: { dataset: \"${env.DATA}/edits.json\", format: zsre, take: 20, batch_size: 2 }",
                    "checkpoints: [1, 10, 20]",
                    "scenarios:",
                    "  - { id: rome-l2, method: rome, hparams: { layers: [2], v_lr: 0.5 } }",
                    "capabilities:",
                    "  - id: lm",
                    "    benchmark: perplexity",
                    "    dataset: shared/text.txt",
                    "    limit: 5",
                    "    assert: { max_ratio_to_baseline: 1.1 }",
                    "  - { id: rel, benchmark: edit-reliability, scope: sequential, assert: { min: 0.9 } }",
                    "tags: [fast, demo]",
                    "");

    @Test
    void pathsUnderAnAbsentSharedFolderAreAbsentInputsNotMistakes() throws IOException {
        SuiteParser elsewhere =
                new SuiteParser(
                        new TestCatalog(),
                        Variables.of(
                                dir.resolve("no-shared"),
                                Map.of("DATA", dir.resolve("shared").toString())));
        Path suite = write("s.yaml", VALID);

        assertThatThrownBy(() -> elsewhere.parse(suite))
                .isInstanceOfSatisfying(
                        InvalidSuiteException.class,
                        e -> {
                            assertThat(e.onlyAbsentInputs()).isTrue();
                            assertThat(e.problems())
                                    .singleElement()
                                    .satisfies(
                                            p ->
                                                    assertThat(p.message())
                                                            .contains(
                                                                    "model.path: no folder",
                                                                    "the shared folder",
                                                                    "is absent on this machine"));
                        });

        // the shared folder is there but the file is not: a mistake in the suite
        Path typo = write("t.yaml", VALID.replace("/edits.json", "/edit.json"));
        assertThatThrownBy(() -> parser.parse(typo))
                .isInstanceOfSatisfying(
                        InvalidSuiteException.class,
                        e -> assertThat(e.onlyAbsentInputs()).isFalse());
    }

    @Test
    void formatsDtypesAndDevicesAreThoseTheLoadersAccept() throws IOException {
        Suite ok =
                parser.parse(
                        write(
                                "ok.yaml",
                                VALID.replace("dtype: float32", "dtype: auto, device: cuda:1")));
        assertThat(ok.model().dtype()).isEqualTo("auto");
        assertThat(ok.model().device()).isEqualTo("cuda:1");

        Path bad =
                write(
                        "bad.yaml",
                        VALID.replace("format: zsre", "format: zsrre")
                                .replace("dtype: float32", "dtype: flaot32, device: tpu"));
        assertThatThrownBy(() -> parser.parse(bad))
                .hasMessageContaining(
                        "unknown format 'zsrre' (did you mean 'zsre'? accepted: counterfact, zsre)")
                .hasMessageContaining(
                        "unknown dtype 'flaot32' (did you mean 'float32'? accepted: auto, bfloat16, float16,"
                                + " float32)")
                .hasMessageContaining("unknown device 'tpu' (accepted: cpu, cuda, cuda:N, auto)");
    }

    @Test
    void individualSaysWhenIndividualScopeIsMeasured() throws IOException {
        assertThat(parser.parse(write("d.yaml", VALID)).edits().individual())
                .isEqualTo(EditStreamSpec.Individual.AT_CHECKPOINTS);
        Suite after =
                parser.parse(
                        write(
                                "a.yaml",
                                VALID.replace(
                                        "batch_size: 2",
                                        "batch_size: 2, individual: after-each-edit")));
        assertThat(after.edits().individual()).isEqualTo(EditStreamSpec.Individual.AFTER_EACH_EDIT);

        Path bad =
                write(
                        "b.yaml",
                        VALID.replace(
                                "batch_size: 2", "batch_size: 2, individual: after-each-edt"));
        assertThatThrownBy(() -> parser.parse(bad))
                .hasMessageContaining("b.yaml:3:")
                .hasMessageContaining(
                        "unknown individual 'after-each-edt' (did you mean 'after-each-edit'? accepted:"
                                + " after-each-edit, at-checkpoints)");
    }

    @Test
    void readsAValidSuiteWithVariablesAndRelativePaths() throws IOException {
        Suite s = parser.parse(write("s.yaml", VALID));

        assertThat(s.id()).isEqualTo("demo");
        assertThat(s.model().path()).isEqualTo(dir.resolve("shared/models/m"));
        assertThat(s.model().device()).isEqualTo("auto");
        assertThat(s.edits().dataset()).isEqualTo(dir.resolve("shared/edits.json"));
        assertThat(s.edits().batchSize()).isEqualTo(2);
        assertThat(s.checkpoints()).extracting(Checkpoint::edits).containsExactly(1, 10, 20);
        assertThat(s.checkpoints().get(1).position().line()).isEqualTo(4);
        assertThat(s.checkpoints().get(1).position().column()).isEqualTo(18);
        assertThat(s.scenarios().get(0).hparams())
                .containsEntry("v_lr", 0.5)
                .containsEntry("layers", List.of(2));
        assertThat(s.capabilities().get(0).settings())
                .containsEntry("dataset", dir.resolve("shared/text.txt").toString())
                .containsEntry("limit", 5);
        assertThat(s.capabilities().get(0).thresholds().maxRatioToBaseline()).isEqualTo(1.1);
        assertThat(s.capabilities().get(1).position().line()).isEqualTo(13);
        assertThat(s.tags()).containsExactly("fast", "demo");
        assertThat(s.description()).isEmpty();
    }

    @Test
    void theDescriptionIsKeptWithVariablesExpanded() throws IOException {
        Suite s =
                parser.parse(
                        write(
                                "s.yaml",
                                "description: \"edits from ${editgate.shared}\"\n" + VALID));

        assertThat(s.description()).isEqualTo("edits from " + dir.resolve("shared"));
    }

    @Test
    void modelsVariableNamesThePulledModelsFolder() throws IOException {
        Path models = Files.createDirectories(dir.resolve("cache/models/smollm2-135m"));
        SuiteParser withCache =
                new SuiteParser(
                        new TestCatalog(),
                        new Variables(
                                dir.resolve("shared"),
                                models.getParent(),
                                Map.of("DATA", "x")::get));

        Suite s =
                withCache.parse(
                        write(
                                "s.yaml",
                                VALID.replace(
                                                "${editgate.shared}/models/m",
                                                "${editgate.models}/smollm2-135m")
                                        .replace("${env.DATA}", "${editgate.shared}")));

        assertThat(s.model().path()).isEqualTo(models);
    }

    @Test
    void unknownKeysSuggestTheNearestOne() throws IOException {
        Path f =
                write(
                        "s.yaml",
                        VALID.replace("batch_size: 2", "bach_size: 2")
                                .replace("dtype: float32", "dtyp: float32"));

        assertThatThrownBy(() -> parser.parse(f))
                .isInstanceOfSatisfying(
                        InvalidSuiteException.class,
                        e -> {
                            assertThat(e.problems()).hasSize(2);
                            assertThat(e.problems().get(0).toString())
                                    .isEqualTo(
                                            f
                                                    + ":2:47: unknown key"
                                                    + " 'dtyp' in model (did you mean 'dtype'? accepted: device, dtype,"
                                                    + " matrix, path)");
                            assertThat(e.problems().get(1).message())
                                    .contains(
                                            "unknown key 'bach_size' in edits (did you mean 'batch_size'?");
                            assertThat(e.problems().get(1).position().line()).isEqualTo(3);
                        });
    }

    @Test
    void collectsEveryProblemOfAFileWithPositions() throws IOException {
        String text =
                String.join(
                        "\n",
                        "suite: demo",
                        "model: { path: nowhere }",
                        "edits: { dataset: \"${editgate.shared}/edits.json\", take: \"ten\" }",
                        "checkpoints: [5, 3, 30]",
                        "scenarios:",
                        "  - { id: a, method: romee, hparams: {} }",
                        "  - { id: a, method: rome, hparams: { layer: 2 } }",
                        "capabilities:",
                        "  - { id: lm, benchmark: mmlu }",
                        "  - { id: x, benchmark: perplexity, limit: many, dataset: \"${nope}/t.txt\" }",
                        "");
        Path f = write("bad.yaml", text);

        InvalidSuiteException e = (InvalidSuiteException) catchIt(f);
        List<String> messages =
                e.problems().stream()
                        .map(
                                p ->
                                        p.position().line()
                                                + ":"
                                                + p.position().column()
                                                + " "
                                                + p.message())
                        .toList();
        assertThat(messages)
                .anySatisfy(m -> assertThat(m).startsWith("2:16 model.path: no folder"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "3:58 edits.take must be an integer,"
                                                        + " found the string 'ten'"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .isEqualTo(
                                                "4:18 checkpoints must be strictly increasing: 3 after 5"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "6:22 unknown method 'romee' (did you mean 'rome'? accepted: rome)"))
                .anySatisfy(m -> assertThat(m).startsWith("7:11 duplicate scenario id 'a'"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains(
                                                "unknown rome hyperparameter 'layer'"
                                                        + " (did you mean 'layers'? accepted: layers, v_lr, v_steps)"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "9:26 unknown benchmark 'mmlu'"
                                                        + " (accepted: edit-reliability, perplexity)"))
                .anySatisfy(m -> assertThat(m).contains("perplexity: limit must be an integer"))
                .anySatisfy(m -> assertThat(m).startsWith("10:60 unknown variable '${nope}'"))
                .noneSatisfy(m -> assertThat(m).contains("no file or folder"));
        assertThat(e.getMessage()).startsWith(e.problems().size() + " problems in " + f);
    }

    @Test
    void checkpointsBeyondTakeAndYamlSyntaxErrorsArePositioned() throws IOException {
        Path beyond = write("b.yaml", VALID.replace("[1, 10, 20]", "[1, 10, 21]"));
        assertThat(((InvalidSuiteException) catchIt(beyond)).problems())
                .singleElement()
                .hasToString(
                        beyond
                                + ":4:22: checkpoint 21 is beyond edits.take"
                                + " = 20 (accepted: 1..20)");

        Path syntax = write("y.yaml", "suite: demo\nmodel: { path: [\n");
        assertThat(((InvalidSuiteException) catchIt(syntax)).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("YAML syntax:"));
    }

    @Test
    void missingSectionsAndWrongShapesAreReported() throws IOException {
        Path f = write("m.yaml", "suite: 'bad id'\nmodel: cpu\ntags: [a b]\n");
        List<String> messages =
                ((InvalidSuiteException) catchIt(f))
                        .problems().stream().map(SuiteProblem::message).toList();
        assertThat(messages)
                .contains(
                        "missing key 'edits' in the suite",
                        "missing key 'checkpoints' in the suite",
                        "missing key 'scenarios' in the suite",
                        "missing key 'capabilities' in the suite",
                        "model must be a mapping (key: value), found the string 'cpu'")
                .anySatisfy(m -> assertThat(m).startsWith("suite id 'bad id' is not valid"))
                .anySatisfy(m -> assertThat(m).startsWith("a tag must be a string without spaces"));
    }

    @Test
    void hparamsFileIsMergedUnderInlineHparams() throws IOException {
        write("rome.yaml", "layers: [3]\nv_steps: 20\nv_lr: \"${editgate.shared}\"\n");
        Path f =
                write("s.yaml", VALID.replace("hparams: {", "hparams_file: rome.yaml, hparams: {"));
        Suite s = parser.parse(f);
        assertThat(s.scenarios().get(0).hparams())
                .containsEntry("layers", List.of(2))
                .containsEntry("v_steps", 20)
                .containsEntry("v_lr", 0.5);
        Path f2 =
                write(
                        "s2.yaml",
                        VALID.replace("hparams: {", "hparams_file: rome.yaml, hparams: {")
                                .replace("v_lr: 0.5", "v_steps: 3"));
        assertThat(parser.parse(f2).scenarios().get(0).hparams())
                .containsEntry("v_lr", dir.resolve("shared").toString());
    }

    @Test
    void confidenceAndMinItemsAreRead() throws IOException {
        Suite s =
                parser.parse(
                        write(
                                "c.yaml",
                                VALID.replace(
                                                "{ max_ratio_to_baseline: 1.1 }",
                                                "{ max_ratio_to_baseline: 1.1, confidence: 0.95,"
                                                        + " min_items: 200 }")
                                        .replace("{ min: 0.9 }", "{ min: 0.9, min_items: off }")));
        Thresholds lm = s.capabilities().get(0).thresholds();
        assertThat(lm.confidence()).isEqualTo(0.95);
        assertThat(lm.minItems()).isEqualTo(200);
        assertThat(lm.describe()).isEqualTo("≤ 1.1 × baseline, at 95% confidence");
        Thresholds rel = s.capabilities().get(1).thresholds();
        assertThat(rel.confidence()).isNull();
        assertThat(rel.minItems()).isEqualTo(Thresholds.MIN_ITEMS_OFF);
        Suite auto =
                parser.parse(
                        write(
                                "a.yaml",
                                VALID.replace("{ min: 0.9 }", "{ min: 0.9, min_items: auto }")));
        assertThat(auto.capabilities().get(1).thresholds().minItems()).isNull();
    }

    @Test
    void badConfidenceAndMinItemsNameWhatIsAccepted() throws IOException {
        Path f =
                write(
                        "bad-c.yaml",
                        VALID.replace(
                                        "{ max_ratio_to_baseline: 1.1 }",
                                        "{ max_ratio_to_baseline: 1.1, confidence: 95, min_items: 0 }")
                                .replace("{ min: 0.9 }", "{ confidence: 0.9, min_items: lots }"));
        List<String> messages =
                ((InvalidSuiteException) catchIt(f))
                        .problems().stream().map(SuiteProblem::message).toList();
        assertThat(messages)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains(
                                                "assert.confidence must lie between 0 and 1,"
                                                        + " found 95.0 (accepted: e.g. 0.95)"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains(
                                                "assert.min_items must be auto, off or a number of"
                                                        + " items ≥ 1, found the number 0"))
                .anySatisfy(m -> assertThat(m).contains("found the string 'lots'"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains(
                                                "assert.confidence has no bound to apply to"
                                                        + " (accepted with: max, max_drop,"));
    }

    private Throwable catchIt(Path f) {
        try {
            parser.parse(f);
        } catch (InvalidSuiteException e) {
            return e;
        }
        throw new AssertionError("expected problems in " + f);
    }
}
