package dev.editgate.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files must end in a {@link CheckpointException} naming file and tensor. */
class HostileSafetensorsTest {

    @TempDir Path dir;

    private Path craft(String name, String header, int dataBytes) throws IOException {
        return craft(name, header, header.getBytes(StandardCharsets.UTF_8).length, dataBytes);
    }

    private Path craft(String name, String header, long declaredLength, int dataBytes)
            throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b =
                ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(json);
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    private static AbstractThrowableAssert<?, ?> opening(Path file) {
        return assertThatThrownBy(
                        () -> {
                            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                                f.tensors();
                            }
                        })
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.getFileName().toString());
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        opening(file).hasMessageContaining("8-byte");
    }

    @Test
    void truncatedDataSection() throws IOException {
        Path file = dir.resolve("truncated.safetensors");
        new SafetensorsWriter()
                .add("w", TensorDType.F32, new long[] {4, 4}, new float[16])
                .write(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        opening(file).hasMessageContaining("'w'").hasMessageContaining("data_offsets");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        opening(craft("long.safetensors", "{}", 1_000_000, 0))
                .hasMessageContaining("header length");
        opening(craft("negative.safetensors", "{}", -5, 0)).hasMessageContaining("header length");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        opening(craft("notjson.safetensors", "{\"w\": {\"dtype\": ", 0))
                .hasMessageContaining("not valid JSON");
        opening(craft("array.safetensors", "[1, 2]", 0)).hasMessageContaining("not a JSON object");
        opening(
                        craft(
                                "dup.safetensors",
                                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                                4))
                .hasMessageContaining("w");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        opening(
                        craft(
                                "range.safetensors",
                                "{\"w.big\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                                8))
                .hasMessageContaining("'w.big'")
                .hasMessageContaining("outside the data section");
        opening(
                        craft(
                                "reversed.safetensors",
                                "{\"w.rev\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}",
                                8))
                .hasMessageContaining("'w.rev'");
        opening(
                        craft(
                                "neg.safetensors",
                                "{\"w.neg\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}",
                                8))
                .hasMessageContaining("'w.neg'");
        opening(
                        craft(
                                "three.safetensors",
                                "{\"w.three\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}",
                                8))
                .hasMessageContaining("'w.three'");
    }

    @Test
    void overlappingTensors() throws IOException {
        opening(
                        craft(
                                "overlap.safetensors",
                                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                                        + "\"b.overlapping\":{\"dtype\":\"F32\",\"shape\":[2],"
                                        + "\"data_offsets\":[4,12]}}",
                                12))
                .hasMessageContaining("'b.overlapping'")
                .hasMessageContaining("overlap");
    }

    @Test
    void unknownDtype() throws IOException {
        opening(
                        craft(
                                "dtype.safetensors",
                                "{\"w.q\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,1]}}",
                                1))
                .hasMessageContaining("'w.q'")
                .hasMessageContaining("Q4")
                .hasMessageContaining("BF16");
        opening(
                        craft(
                                "nodtype.safetensors",
                                "{\"w.none\":{\"shape\":[2],\"data_offsets\":[0,1]}}",
                                1))
                .hasMessageContaining("'w.none'");
    }

    @Test
    void shapeAndSizeMismatch() throws IOException {
        opening(
                        craft(
                                "mismatch.safetensors",
                                "{\"w.mm\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                                8))
                .hasMessageContaining("'w.mm'")
                .hasMessageContaining("12 bytes");
    }

    @Test
    void negativeAndNonIntegerDimensions() throws IOException {
        opening(
                        craft(
                                "negdim.safetensors",
                                "{\"w.nd\":{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}}",
                                16))
                .hasMessageContaining("'w.nd'")
                .hasMessageContaining("shape");
        opening(
                        craft(
                                "frac.safetensors",
                                "{\"w.fr\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
                                4))
                .hasMessageContaining("'w.fr'");
        opening(
                        craft(
                                "bigint.safetensors",
                                "{\"w.bi\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999999],"
                                        + "\"data_offsets\":[0,4]}}",
                                4))
                .hasMessageContaining("'w.bi'");
    }

    @Test
    void dimensionsWhoseProductOverflows() throws IOException {
        // 2^32 * 2^32 wraps to 0 in 64-bit arithmetic; 2^62 * 4 bytes wraps to 0 too
        opening(
                        craft(
                                "overflow.safetensors",
                                "{\"w.of\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],"
                                        + "\"data_offsets\":[0,0]}}",
                                0))
                .hasMessageContaining("'w.of'")
                .hasMessageContaining("64 bits");
        opening(
                        craft(
                                "overflow2.safetensors",
                                "{\"w.of2\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],"
                                        + "\"data_offsets\":[0,0]}}",
                                0))
                .hasMessageContaining("'w.of2'");
    }

    @Test
    void metadataMustBeStrings() throws IOException {
        opening(craft("meta.safetensors", "{\"__metadata__\":{\"n\":1}}", 0))
                .hasMessageContaining("__metadata__");
    }

    private Path shardedModel() {
        SafetensorsWriter w = new SafetensorsWriter();
        w.add("a", TensorDType.F32, new long[] {4}, new float[4]);
        w.add("b", TensorDType.F32, new long[] {4}, new float[4]);
        Path model = dir.resolve("model");
        w.writeSharded(model, 16);
        return model;
    }

    private static void writeIndex(Path model, String weightMap) throws IOException {
        Files.writeString(
                model.resolve(Checkpoint.INDEX_FILE),
                "{\"metadata\":{},\"weight_map\":" + weightMap + "}");
    }

    private static AbstractThrowableAssert<?, ?> openingCheckpoint(Path model) {
        return assertThatThrownBy(() -> Checkpoint.open(model).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(Checkpoint.INDEX_FILE);
    }

    @Test
    void indexPointingOutsideTheFolder() throws IOException {
        Path model = shardedModel();
        Files.copy(
                model.resolve("model-00001-of-00002.safetensors"),
                dir.resolve("outside.safetensors"));
        writeIndex(model, "{\"a.escape\":\"../outside.safetensors\"}");
        openingCheckpoint(model)
                .hasMessageContaining("'a.escape'")
                .hasMessageContaining("outside the model folder");
        writeIndex(
                model,
                "{\"a.abs\":\"" + dir.resolve("outside.safetensors").toAbsolutePath() + "\"}");
        openingCheckpoint(model)
                .hasMessageContaining("'a.abs'")
                .hasMessageContaining("outside the model folder");
        writeIndex(model, "{\"a.sub\":\"sub/../../outside.safetensors\"}");
        openingCheckpoint(model).hasMessageContaining("'a.sub'");
    }

    @Test
    void missingShard() throws IOException {
        Path model = shardedModel();
        writeIndex(model, "{\"a.missing\":\"model-00009-of-00009.safetensors\"}");
        openingCheckpoint(model)
                .hasMessageContaining("'a.missing'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void tensorMissingFromItsShard() throws IOException {
        Path model = shardedModel();
        writeIndex(
                model,
                "{\"a\":\"model-00001-of-00002.safetensors\","
                        + "\"b\":\"model-00001-of-00002.safetensors\"}");
        openingCheckpoint(model)
                .hasMessageContaining("'b'")
                .hasMessageContaining("has no such tensor");
        writeIndex(
                model,
                "{\"a\":\"model-00001-of-00002.safetensors\","
                        + "\"b\":\"model-00002-of-00002.safetensors\"}");
        try (Checkpoint ok = Checkpoint.open(model)) {
            assertThat(ok.tensors()).containsOnlyKeys("a", "b");
        }
    }

    @Test
    void indexThatIsNotAWeightMap() throws IOException {
        Path model = shardedModel();
        Files.writeString(model.resolve(Checkpoint.INDEX_FILE), "{\"weight_map\": [1]}");
        openingCheckpoint(model).hasMessageContaining("weight_map");
        Files.writeString(model.resolve(Checkpoint.INDEX_FILE), "not json");
        openingCheckpoint(model).hasMessageContaining("JSON");
    }

    @Test
    void randomCorruptionOfTheHeaderNeverEscapesAsAnotherException() throws IOException {
        Path good = dir.resolve("good.safetensors");
        new SafetensorsWriter()
                .metadata("format", "pt")
                .add("a.weight", TensorDType.BF16, new long[] {2, 3}, new float[6])
                .addLongs("b.ids", new long[] {2}, new long[] {1, 2})
                .write(good);
        byte[] sample = Files.readAllBytes(good);
        Random random = new Random(7);
        for (int trial = 0; trial < 600; trial++) {
            byte[] bytes = sample.clone();
            for (int k = 0; k < 1 + trial % 3; k++) {
                int at = random.nextInt(Math.min(bytes.length, 120));
                bytes[at] =
                        (byte)
                                (trial % 2 == 0
                                        ? "0123456789-[]{},:\"e ".charAt(random.nextInt(19))
                                        : random.nextInt(256));
            }
            Path file = dir.resolve("fuzz.safetensors");
            Files.write(file, bytes);
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                for (TensorInfo t : f.tensors().values()) {
                    f.readRaw(t.name());
                }
            } catch (CheckpointException expected) {
                assertThat(expected).hasMessageContaining("fuzz.safetensors");
            }
        }
    }
}
