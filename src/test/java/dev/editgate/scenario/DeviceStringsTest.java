package dev.editgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.Devices;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.ModelLoadException;
import dev.editgate.model.Models;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One meaning of a device string everywhere (issue #17): the suite parser, the suite schema and the
 * model loader accept and refuse the same strings, with the same message ({@code
 * dev.editgate.cli.DeviceOptionTest} checks {@code --device} against the same lists).
 */
public class DeviceStringsTest {
    /** Accepted everywhere. */
    public static final List<String> ACCEPTED =
            List.of("auto", "cpu", "cuda", "cuda:0", "cuda:1", "cuda:12");

    /** Refused everywhere ({@code gpu:N} included: write {@code cuda:N}). */
    public static final List<String> REFUSED =
            List.of(
                    "gpu",
                    "gpu:1",
                    "GPU:0",
                    "CUDA",
                    "Cpu",
                    " cpu",
                    "cpu ",
                    "cuda:",
                    "cuda:-1",
                    "cuda:x",
                    "cuda:0:1",
                    "cuda 0",
                    "tpu",
                    "mps",
                    "");

    private static final Path TINY =
            Path.of("src/test/resources/dev/editgate/model/fixtures/llama-gqa");

    @TempDir Path dir;

    @Test
    void theDefinitionNamesTheSpellingToWriteInstead() {
        assertThat(Devices.problem("gpu:1"))
                .contains(
                        "device 'gpu:1' is not accepted: write 'cuda:1' (accepted: cpu, cuda,"
                                + " cuda:N, auto)");
        assertThat(Devices.problem("CUDA"))
                .contains(
                        "device 'CUDA' is not accepted: write 'cuda' (accepted: cpu, cuda, cuda:N, auto)");
        assertThat(Devices.problem("tpu"))
                .contains("unknown device 'tpu' (accepted: cpu, cuda, cuda:N, auto)");
        for (String s : ACCEPTED) {
            assertThat(Devices.problem(s)).as(s).isEmpty();
        }
        for (String s : REFUSED) {
            assertThat(Devices.problem(s)).as("'" + s + "'").isPresent();
        }
    }

    @Test
    void theSchemaPatternAcceptsExactlyTheSameStrings() throws IOException {
        Pattern schema;
        try (InputStream in =
                getClass().getResourceAsStream("/dev/editgate/scenario/suite.schema.json")) {
            schema =
                    Pattern.compile(
                            new ObjectMapper()
                                    .readTree(in)
                                    .at("/properties/model/properties/device/pattern")
                                    .asText());
        }
        for (String s : ACCEPTED) {
            assertThat(schema.matcher(s).find()).as(s).isTrue();
        }
        for (String s : REFUSED) {
            assertThat(schema.matcher(s).find()).as("'" + s + "'").isFalse();
        }
    }

    @Test
    void theSuiteParserAcceptsAndRefusesTheSameStringsWithTheSameMessage() throws IOException {
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("edits.json"), "[]");
        SuiteParser parser = new SuiteParser(new TestCatalog(), Variables.of(dir, Map.of()));
        for (String s : ACCEPTED) {
            assertThat(parser.parse(suite(s)).model().device()).isEqualTo(s);
        }
        for (String s : REFUSED) {
            assertThatThrownBy(() -> parser.parse(suite(s)))
                    .as("'" + s + "'")
                    .isInstanceOf(InvalidSuiteException.class)
                    .hasMessageContaining(Devices.problem(s).orElseThrow());
        }
    }

    private Path suite(String device) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "suite: devices",
                        "model: { path: m, device: \"" + device + "\" }",
                        "edits: { dataset: edits.json, take: 2 }",
                        "checkpoints: [2]",
                        "scenarios: [ { id: r, method: rome } ]",
                        "capabilities: [ { id: rel, benchmark: edit-reliability, assert: { min: 0.9 } } ]",
                        ""));
        return f;
    }

    @Test
    void theLoaderAcceptsAndRefusesTheSameStrings() {
        // on a machine with 16 GPUs every accepted string names one; on this one, cpu and auto load
        for (String s : ACCEPTED) {
            assertThat(Devices.resolve(s, 16)).as(s).isNotNull();
        }
        for (String s : List.of("cpu", "auto")) {
            try (LanguageModel lm = Models.load(TINY, "float32", s)) {
                assertThat(lm.device().isGpu()).isFalse();
            }
        }
        for (String s : REFUSED) {
            assertThatThrownBy(() -> Models.load(TINY, "float32", s))
                    .as("'" + s + "'")
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessage(Devices.problem(s).orElseThrow());
        }
        assertThatThrownBy(() -> Devices.resolve("cuda:2", 2))
                .hasMessage("device 'cuda:2': PyTorch sees 2 CUDA device(s) here");
    }
}
