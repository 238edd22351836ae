package dev.editgate.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir Path dir;

    private static final float[] SPECIAL = {
        0f,
        -0f,
        1f,
        -2.5f,
        65504f,
        0x1p-24f,
        0x1p-14f,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.NaN,
        3.14159f,
        1e-3f
    };

    @Test
    void floatTypesRoundTripIncludingSpecialValues() throws Exception {
        Path file = dir.resolve("floats.safetensors");
        new SafetensorsWriter()
                .metadata("format", "pt")
                .add("f32", TensorDType.F32, new long[] {3, 4}, SPECIAL)
                .add("f16", TensorDType.F16, new long[] {12}, SPECIAL)
                .add("bf16", TensorDType.BF16, new long[] {2, 2, 3}, SPECIAL)
                .add("f64", TensorDType.F64, new long[] {12}, SPECIAL)
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.metadata()).containsEntry("format", "pt");
            assertThat(f.tensors().keySet()).containsExactlyInAnyOrder("f32", "f16", "bf16", "f64");
            assertThat(f.readFloats("f32")).containsExactly(SPECIAL);
            assertThat(f.readFloats("f64")).containsExactly(SPECIAL);
            float[] half = f.readFloats("f16");
            float[] bf = f.readFloats("bf16");
            for (int i = 0; i < SPECIAL.length; i++) {
                float expectHalf = HalfPrecision.halfToFloat(HalfPrecision.floatToHalf(SPECIAL[i]));
                float expectBf = HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(SPECIAL[i]));
                assertThat(Float.floatToIntBits(half[i]))
                        .as("f16[%d]", i)
                        .isEqualTo(Float.floatToIntBits(expectHalf));
                assertThat(Float.floatToIntBits(bf[i]))
                        .as("bf16[%d]", i)
                        .isEqualTo(Float.floatToIntBits(expectBf));
            }
            // exactly representable in both 16-bit types
            assertThat(half[3]).isEqualTo(-2.5f);
            assertThat(bf[3]).isEqualTo(-2.5f);
            assertThat(half[5]).isEqualTo(0x1p-24f);
            assertThat(half[7]).isEqualTo(Float.POSITIVE_INFINITY);
            assertThat(bf[8]).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(half[9]).isNaN();
            assertThat(bf[9]).isNaN();
            assertThat(bf[2]).isEqualTo(1f);
            assertThat(f.tensor("bf16").shape()).containsExactly(2, 2, 3);
            ByteBuffer raw = f.readRaw("f16");
            assertThat(raw.remaining()).isEqualTo(24);
            assertThat(raw.getShort(2 * 2)).isEqualTo((short) 0x3c00);
        }
    }

    @Test
    void readAsFloat32WritesLittleEndianAtThePositionOfTheDestination() {
        Path file = dir.resolve("one.safetensors");
        new SafetensorsWriter()
                .add("w", TensorDType.BF16, new long[] {2}, new float[] {1f, -3f})
                .write(file);
        ByteBuffer dest = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        dest.position(4);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            f.readAsFloat32("w", dest);
            assertThat(dest.position()).isEqualTo(12);
            assertThat(dest.order(ByteOrder.LITTLE_ENDIAN).getFloat(4)).isEqualTo(1f);
            assertThat(dest.getFloat(8)).isEqualTo(-3f);
            assertThatThrownBy(() -> f.readAsFloat32("w", ByteBuffer.allocate(7)))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("one.safetensors")
                    .hasMessageContaining("'w'");
        }
    }

    @Test
    void integerTypesRoundTrip() {
        Path file = dir.resolve("ints.safetensors");
        ByteBuffer i32 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        i32.putInt(-7).putInt(Integer.MAX_VALUE).putInt(0).flip();
        ByteBuffer i16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        i16.putShort((short) -300).putShort((short) 300).flip();
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0xff, 1});
        new SafetensorsWriter()
                .addLongs("i64", new long[] {3}, new long[] {Long.MIN_VALUE, -1, 42})
                .add("i32", TensorDType.I32, new long[] {3}, i32)
                .add("i16", TensorDType.I16, new long[] {2}, i16)
                .add("i8", TensorDType.I8, new long[] {2}, bytes.duplicate())
                .add("u8", TensorDType.U8, new long[] {2}, bytes.duplicate())
                .add("bool", TensorDType.BOOL, new long[] {2}, ByteBuffer.wrap(new byte[] {0, 1}))
                .add("empty", TensorDType.F32, new long[] {0, 5}, new float[0])
                .add("scalar", TensorDType.F32, new long[] {}, new float[] {7f})
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.readLongs("i64")).containsExactly(Long.MIN_VALUE, -1, 42);
            assertThat(f.readLongs("i32")).containsExactly(-7, Integer.MAX_VALUE, 0);
            assertThat(f.readLongs("i16")).containsExactly(-300, 300);
            assertThat(f.readLongs("i8")).containsExactly(-1, 1);
            assertThat(f.readLongs("u8")).containsExactly(255, 1);
            assertThat(f.readLongs("bool")).containsExactly(0, 1);
            assertThat(f.readFloats("empty")).isEmpty();
            assertThat(f.readFloats("scalar")).containsExactly(7f);
            assertThat(f.tensor("scalar").rank()).isZero();
            assertThatThrownBy(() -> f.readFloats("i64"))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("ints.safetensors")
                    .hasMessageContaining("'i64'");
            assertThatThrownBy(() -> f.readLongs("scalar"))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("'scalar'");
            assertThatThrownBy(() -> f.readRaw("nope"))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("ints.safetensors")
                    .hasMessageContaining("'nope'");
        }
    }

    @Test
    void headerIsPaddedWithSpacesToEightBytesAndTensorsAreAligned() throws Exception {
        Path file = dir.resolve("pad.safetensors");
        new SafetensorsWriter()
                .add("a", TensorDType.F16, new long[] {1}, new float[] {1f})
                .addLongs("b", new long[] {1}, new long[] {5})
                .write(file);
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThat(n % 8).isZero();
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{").doesNotContain("\n");
        assertThat(header.strip()).endsWith("}");
        assertThat(all.length).isEqualTo(8 + n + 8 + 2);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            // the 8-byte tensor is written first, so both are aligned to their element size
            assertThat(f.tensor("b").dataOffset()).isEqualTo(8 + n);
            assertThat(f.tensor("a").dataOffset()).isEqualTo(8 + n + 8);
        }
    }

    @Test
    void shardedCheckpointRoundTripsThroughTheIndex() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        for (int i = 0; i < 5; i++) {
            float[] v = new float[100];
            Arrays.fill(v, i);
            w.add("layer." + i + ".weight", TensorDType.F32, new long[] {10, 10}, v);
        }
        List<Path> files = w.writeSharded(dir.resolve("model"), 900);
        assertThat(files).hasSize(4);
        assertThat(files.get(3).getFileName()).hasToString(Checkpoint.INDEX_FILE);
        assertThat(files.get(0).getFileName()).hasToString("model-00001-of-00003.safetensors");
        try (Checkpoint ckpt = Checkpoint.open(dir.resolve("model"))) {
            assertThat(ckpt.tensors()).hasSize(5);
            assertThat(ckpt.totalBytes()).isEqualTo(5 * 400);
            for (int i = 0; i < 5; i++) {
                assertThat(ckpt.readFloats("layer." + i + ".weight")).containsOnly((float) i);
            }
            assertThat(ckpt.tensor("layer.4.weight").file().getFileName())
                    .hasToString("model-00003-of-00003.safetensors");
            assertThat(ckpt.metadata()).containsEntry("format", "pt");
        }
        List<Path> single = w.writeSharded(dir.resolve("small"), 1L << 30);
        assertThat(single).containsExactly(dir.resolve("small").resolve(Checkpoint.SINGLE_FILE));
        try (Checkpoint ckpt = Checkpoint.open(dir.resolve("small"))) {
            assertThat(ckpt.readFloats("layer.3.weight")).containsOnly(3f);
        }
    }

    @Test
    void missingWeightsNameWhatWasLookedFor() {
        assertThatThrownBy(() -> Checkpoint.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(Checkpoint.SINGLE_FILE)
                .hasMessageContaining(Checkpoint.INDEX_FILE);
    }
}
