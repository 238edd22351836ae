package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.edit.ft.FtHyperparameters;
import dev.editgate.edit.grace.GraceHyperparameters;
import dev.editgate.edit.memit.MemitHyperparameters;
import dev.editgate.edit.rome.RomeHyperparameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyperparametersTest {

    static RomeHyperparameters rome(Map<String, Object> suite) {
        return RomeHyperparameters.from(
                Hyperparameters.resolve(
                        "rome", RomeHyperparameters.DEFAULTS, suite, RomeHyperparameters.KEYS));
    }

    @Test
    void presetFileThenSuiteOverrides() {
        RomeHyperparameters hp = rome(Map.of("preset", "gpt2-xl", "v_lr", 0.1));
        assertThat(hp.layer()).isEqualTo(17);
        assertThat(hp.valueSettings().lr()).isEqualTo(0.1);
        assertThat(hp.valueSettings().klFactor()).isEqualTo(0.0625);
        assertThat(hp.mom2Adjustment()).isTrue();
        assertThat(rome(Map.of("preset", "llama-2-7b")).mom2Adjustment()).isFalse();
    }

    @Test
    void presetsResolveAgainstTheRootPassedInAndValuesExpandWithTheSuitesVariables(
            @TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("presets/rome"));
        Files.writeString(
                dir.resolve("presets/rome/mine.yaml"),
                "layers: [3]\nmom2_dataset: \"${editgate.shared}/corpus.txt\"\n");
        EditEnvironment env =
                new EditEnvironment(
                        dir.resolve("presets"),
                        dev.editgate.scenario.Variables.of(dir.resolve("shared"), Map.of()),
                        dir.resolve("stats"));
        RomeHyperparameters hp =
                RomeHyperparameters.from(
                        Hyperparameters.resolve(
                                "rome",
                                RomeHyperparameters.DEFAULTS,
                                Map.of("preset", "mine"),
                                RomeHyperparameters.KEYS,
                                env));
        assertThat(hp.layer()).isEqualTo(3);
        assertThat(hp.stats().corpus()).isEqualTo(dir.resolve("shared/corpus.txt"));
        assertThat(hp.stats().cacheDir()).isEqualTo(dir.resolve("stats"));
        // the default root has no preset 'mine', and says where it looked
        assertThatThrownBy(() -> rome(Map.of("preset", "mine")))
                .hasMessageContaining("no hyperparameter preset 'mine'")
                .hasMessageContaining("gpt2-xl");
        // an unknown variable is an error naming the key and the variables accepted
        assertThatThrownBy(
                        () ->
                                Hyperparameters.resolve(
                                                "rome",
                                                RomeHyperparameters.DEFAULTS,
                                                Map.of("mom2_dataset", "${editgate.nope}/x"),
                                                RomeHyperparameters.KEYS,
                                                env)
                                        .getString("mom2_dataset"))
                .hasMessageContaining("'mom2_dataset'")
                .hasMessageContaining("unknown variable '${editgate.nope}'")
                .hasMessageContaining("${editgate.shared}, ${editgate.models}, ${env.NAME}");
    }

    @Test
    void everyMethodHasThePublishedPresets() {
        for (String model : List.of("stories260k", "gpt2-xl", "gpt-j-6b", "llama-2-7b")) {
            Map<String, Object> p = Map.of("preset", model);
            assertThat(rome(p).valueSettings().steps()).isPositive();
            assertThat(
                            MemitHyperparameters.from(
                                            Hyperparameters.resolve(
                                                    "memit",
                                                    MemitHyperparameters.DEFAULTS,
                                                    p,
                                                    MemitHyperparameters.KEYS))
                                    .layers())
                    .isNotEmpty();
            FtHyperparameters ft =
                    FtHyperparameters.from(
                            Hyperparameters.resolve(
                                    "ft", FtHyperparameters.DEFAULTS, p, FtHyperparameters.KEYS));
            // EasyEdit's FT for GPT-J and LLaMA runs without the norm constraint (the ROME
            // repository's constrained GPT-J FT-L is preset gpt-j-6b-rome)
            assertThat(ft.normConstraint())
                    .isEqualTo(model.equals("llama-2-7b") || model.equals("gpt-j-6b") ? 0 : 5e-4);
            assertThat(
                            GraceHyperparameters.from(
                                            Hyperparameters.resolve(
                                                    "grace",
                                                    GraceHyperparameters.DEFAULTS,
                                                    p,
                                                    GraceHyperparameters.KEYS))
                                    .eps())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void unknownKeyIsRejectedNamingKeyAndAcceptedOnes() {
        assertThatThrownBy(() -> rome(Map.of("v_lrr", 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'v_lrr'")
                .hasMessageContaining("accepted: [")
                .hasMessageContaining("v_lr");
    }

    @Test
    void unknownKeyInFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "layers: [3]\nlearning_rate: 0.1\n");
        assertThatThrownBy(() -> rome(Map.of("hparams_file", f.toString())))
                .hasMessageContaining("'learning_rate'")
                .hasMessageContaining(f.toString());
    }

    @Test
    void wrongTypesAndRangesAreExplained() {
        assertThatThrownBy(() -> rome(Map.of("v_lr", "fast")))
                .hasMessageContaining("'v_lr' = fast")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> rome(Map.of("layers", List.of(1, 2))))
                .hasMessageContaining("exactly one layer");
        assertThatThrownBy(() -> rome(Map.of("v_num_grad_steps", 0)))
                .hasMessageContaining("'v_num_grad_steps' = 0 must be >= 1");
        assertThatThrownBy(() -> rome(Map.of("preset", "gpt-5")))
                .hasMessageContaining("no hyperparameter preset 'gpt-5'")
                .hasMessageContaining("stories260k");
    }

    @Test
    void yamlExponentStringsAreNumbers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ft.yaml");
        Files.writeString(f, "layers: [1]\nlr: 5e-4\n");
        FtHyperparameters ft =
                FtHyperparameters.from(
                        Hyperparameters.load(
                                "ft",
                                f,
                                FtHyperparameters.DEFAULTS,
                                Map.of(),
                                FtHyperparameters.KEYS));
        assertThat(ft.lr()).isEqualTo(5e-4);
        assertThat(ft.layers()).containsExactly(1);
    }
}
