package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.edit.ft.FtProvider;
import dev.editgate.edit.memit.MemitProvider;
import dev.editgate.edit.rome.RomeProvider;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.weights.SafetensorsFile;
import dev.editgate.model.weights.SafetensorsWriter;
import dev.editgate.model.weights.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GPT-2 checkpoints are saved with or without the {@code transformer.} prefix (a {@code GPT2Model}
 * saves none). Editors find the MLP output projection by asking the model's family, so ROME, MEMIT
 * and FT-L edit both forms; this re-saves the GPT-2 fixture without the prefix and edits it.
 */
class UnprefixedGpt2EditTest {
    static final String PREFIX = "transformer.";

    @TempDir static Path tmp;

    static Path unprefixed() throws Exception {
        Path src =
                Path.of(
                        UnprefixedGpt2EditTest.class
                                .getResource("/dev/editgate/model/fixtures/gpt2")
                                .toURI());
        Path out = tmp.resolve("gpt2-unprefixed");
        if (Files.isDirectory(out)) {
            return out;
        }
        Files.createDirectories(out);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().endsWith(".safetensors")) {
                    Files.copy(f, out.resolve(f.getFileName()));
                }
            }
        }
        SafetensorsWriter writer = new SafetensorsWriter();
        int renamed = 0;
        try (SafetensorsFile in = SafetensorsFile.open(src.resolve("model.safetensors"))) {
            for (TensorInfo t : in.tensors().values()) {
                String name = t.name();
                if (name.startsWith(PREFIX)) {
                    name = name.substring(PREFIX.length());
                    renamed++;
                }
                java.nio.ByteBuffer raw = in.readRaw(t.name());
                java.nio.ByteBuffer copy = java.nio.ByteBuffer.allocate(raw.remaining());
                copy.put(raw).flip();
                writer.add(name, t.dtype(), t.shape(), copy);
            }
        }
        assertThat(renamed).as("fixture tensors with the prefix").isGreaterThan(10);
        writer.write(out.resolve("model.safetensors"));
        return out;
    }

    /** The fixtures' small text, for MEMIT's key covariance (MEMIT needs one). */
    static String corpus() {
        try {
            return Path.of(
                            UnprefixedGpt2EditTest.class
                                    .getResource("/dev/editgate/model/fixtures/text-small.txt")
                                    .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Object[]> methods() {
        return List.of(
                new Object[] {
                    "rome",
                    (Provider)
                            m ->
                                    new RomeProvider()
                                            .create(
                                                    m,
                                                    Map.of(
                                                            "layers",
                                                            List.of(1),
                                                            "mom2_adjustment",
                                                            false,
                                                            "v_num_grad_steps",
                                                            5))
                },
                new Object[] {
                    "memit",
                    (Provider)
                            m ->
                                    new MemitProvider()
                                            .create(
                                                    m,
                                                    Map.of(
                                                            "layers",
                                                            List.of(0, 1),
                                                            "mom2_dataset",
                                                            corpus(),
                                                            "mom2_n_samples",
                                                            1000,
                                                            "v_num_grad_steps",
                                                            5))
                },
                new Object[] {
                    "ft",
                    (Provider)
                            m ->
                                    new FtProvider()
                                            .create(m, Map.of("layers", List.of(1), "num_steps", 5))
                });
    }

    interface Provider {
        EditMethod create(LanguageModel model);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void editsAGpt2CheckpointWithoutTheTransformerPrefix(String name, Provider provider)
            throws Exception {
        try (LanguageModel model = Models.load(unprefixed(), "float32", "cpu")) {
            assertThat(model.weights().contains("h.1.mlp.c_proj.weight")).isTrue();
            assertThat(model.weights().contains("transformer.h.1.mlp.c_proj.weight")).isFalse();
            MlpProjection projection = MlpProjection.of(model, 1);
            assertThat(projection.weightName()).isEqualTo("h.1.mlp.c_proj.weight");
            assertThat(projection.biasName()).isEqualTo("h.1.mlp.c_proj.bias");
            assertThat(projection.conv1d()).isTrue();
            float[] before = model.weights().get(projection.weightName()).toFloatArray();
            String hash = model.weights().contentHash();
            EditRequest edit = EditRequest.of("The capital of France is", "France", " Rome");
            try (EditMethod method = provider.create(model)) {
                method.apply(model, List.of(edit));
            }
            float[] after = model.weights().get(projection.weightName()).toFloatArray();
            assertThat(after).as("%s changed the MLP output projection", name).isNotEqualTo(before);
            assertThat(model.weights().contentHash()).isNotEqualTo(hash);
        }
    }
}
