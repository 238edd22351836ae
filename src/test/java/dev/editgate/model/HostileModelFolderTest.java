package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.model.weights.CheckpointException;
import dev.editgate.model.weights.SafetensorsFile;
import dev.editgate.model.weights.SafetensorsWriter;
import dev.editgate.model.weights.TensorDType;
import dev.editgate.model.weights.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model folders that must be refused with a message naming the file and tensor: never a JVM abort,
 * never an OutOfMemoryError. (Malformed safetensors bytes are covered in {@code weights}.)
 */
class HostileModelFolderTest {
    @TempDir Path tmp;

    /** A copy of the llama-gqa fixture whose checkpoint is rewritten by {@code edit}. */
    private Path rewritten(
            java.util.function.BiConsumer<Map<String, TensorInfo>, SafetensorsWriter> edit)
            throws Exception {
        Path src = FixtureParityTest.fixture("llama-gqa");
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        for (String f : new String[] {"config.json", "tokenizer.json", "tokenizer_config.json"}) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        try (SafetensorsFile in = SafetensorsFile.open(src.resolve("model.safetensors"))) {
            SafetensorsWriter out = new SafetensorsWriter();
            Map<String, TensorInfo> tensors = new java.util.LinkedHashMap<>(in.tensors());
            edit.accept(tensors, out);
            for (TensorInfo t : tensors.values()) {
                out.add(t.name(), TensorDType.F32, t.shape(), in.readFloats(t.name()));
            }
            out.write(dir.resolve("model.safetensors"));
        }
        return dir;
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        Path dir = rewritten((t, w) -> t.remove("model.layers.1.mlp.up_proj.weight"));
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("model.layers.1.mlp.up_proj.weight")
                .hasMessageContaining("missing");
    }

    @Test
    void shapeMismatchIsNamed() throws Exception {
        Path dir =
                rewritten(
                        (t, w) -> {
                            t.remove("model.norm.weight");
                            w.add(
                                    "model.norm.weight",
                                    TensorDType.F32,
                                    new long[] {47},
                                    new float[47]);
                        });
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.norm.weight")
                .hasMessageContaining("[47]")
                .hasMessageContaining("[48]");
    }

    @Test
    void integerWeightsAreRefused() throws Exception {
        Path dir =
                rewritten(
                        (t, w) -> {
                            t.remove("model.norm.weight");
                            w.addLongs("model.norm.weight", new long[] {48}, new long[48]);
                        });
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .hasMessageContaining("model.norm.weight")
                .hasMessageContaining("F32, F16 or BF16");
    }

    @Test
    void unsupportedModelTypeListsTheSupportedOnes() throws Exception {
        Path dir = rewritten((t, w) -> {});
        Files.writeString(
                dir.resolve("config.json"), "{\"model_type\": \"mamba\", \"hidden_size\": 8}");
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("config.json")
                .hasMessageContaining("mamba")
                .hasMessageContaining("llama, mistral, qwen2, gpt2, gptj, gpt_neox");
    }

    @Test
    void unsupportedRopeScalingIsAClearError() throws Exception {
        Path dir = rewritten((t, w) -> {});
        String cfg =
                Files.readString(dir.resolve("config.json"))
                        .replaceFirst(
                                "\"rope_scaling\": null",
                                "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}");
        Files.writeString(dir.resolve("config.json"), cfg);
        assertThat(cfg).contains("yarn");
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .hasMessageContaining("rope_scaling")
                .hasMessageContaining("yarn")
                .hasMessageContaining("llama3");
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        Path dir = rewritten((t, w) -> {});
        Files.delete(dir.resolve("model.safetensors"));
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.safetensors");
        assertThatThrownBy(() -> Models.load(tmp.resolve("nowhere"), "float32", "cpu"))
                .hasMessageContaining("nowhere");
        Files.delete(dir.resolve("config.json"));
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .hasMessageContaining("config.json");
    }

    @Test
    void truncatedCheckpointIsRefused() throws Exception {
        Path dir = rewritten((t, w) -> {});
        Path file = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
        assertThatThrownBy(() -> Models.load(dir, "float32", "cpu"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.safetensors");
    }

    @Test
    void badDeviceAndDtypeSayWhatIsAccepted() throws Exception {
        Path dir = FixtureParityTest.fixture("llama-gqa");
        assertThatThrownBy(() -> Models.load(dir, "float8", "cpu"))
                .hasMessageContaining("float32, float16, bfloat16");
        assertThatThrownBy(() -> Models.load(dir, "float32", "tpu"))
                .hasMessageContaining("cpu, cuda, cuda:N, auto");
    }
}
