package dev.editgate.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.model.weights.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed GGUF files end in a {@link CheckpointException} naming file and tensor or key. */
class HostileGgufTest {

    @TempDir Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private AbstractThrowableAssert<?, ?> opening(String name, byte[] bytes) throws IOException {
        Path file = write(name, bytes);
        return assertThatThrownBy(() -> GgufFile.open(file).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(name);
    }

    /** A file with one tensor described by the arguments and 64 bytes of data. */
    private static byte[] oneTensor(long[] dims, GgmlType type, long offset) {
        return new GgufBytes()
                .header(3, 1, 0)
                .tensorInfo("blk.0.bad", dims, type, offset)
                .pad(32)
                .raw(new byte[64])
                .bytes();
    }

    @Test
    void badMagicAndVersion() throws IOException {
        byte[] sample = GgufBytes.sample(null);
        byte[] magic = sample.clone();
        magic[0] = 'X';
        opening("magic.gguf", magic).hasMessageContaining("magic");
        opening("v1.gguf", new GgufBytes().header(1, 0, 0).bytes())
                .hasMessageContaining("version 1");
        opening("bigendian.gguf", new GgufBytes().header(0x03000000, 0, 0).bytes())
                .hasMessageContaining("big-endian");
        opening("short.gguf", new byte[] {'G', 'G', 'U', 'F'}).hasMessageContaining("bytes");
    }

    @Test
    void countsPastTheFile() throws IOException {
        opening("tensors.gguf", new GgufBytes().header(3, Long.MAX_VALUE, 0).bytes())
                .hasMessageContaining("tensor count");
        opening("kvs.gguf", new GgufBytes().header(3, 0, -1).bytes())
                .hasMessageContaining("metadata count");
        opening("keylen.gguf", new GgufBytes().header(3, 0, 1).u64(1L << 40).u32(8).u64(0).bytes())
                .hasMessageContaining("key");
        byte[] strlen =
                new GgufBytes()
                        .header(3, 0, 1)
                        .str("general.name")
                        .u32(8)
                        .u64(Long.MAX_VALUE)
                        .bytes();
        opening("strlen.gguf", strlen).hasMessageContaining("'general.name'");
        byte[] array =
                new GgufBytes()
                        .header(3, 0, 1)
                        .str("tokenizer.ggml.scores")
                        .u32(9)
                        .u32(6)
                        .u64(1L << 35)
                        .bytes();
        opening("array.gguf", array)
                .hasMessageContaining("'tokenizer.ggml.scores'")
                .hasMessageContaining("array");
    }

    @Test
    void unknownTypes() throws IOException {
        opening(
                        "valuetype.gguf",
                        new GgufBytes().header(3, 0, 1).str("general.x").u32(99).u64(0).bytes())
                .hasMessageContaining("'general.x'")
                .hasMessageContaining("99");
        byte[] ggml =
                new GgufBytes()
                        .header(3, 1, 0)
                        .str("blk.0.q")
                        .u32(1)
                        .u64(32)
                        .u32(77)
                        .u64(0)
                        .pad(32)
                        .raw(new byte[64])
                        .bytes();
        opening("ggmltype.gguf", ggml)
                .hasMessageContaining("'blk.0.q'")
                .hasMessageContaining("77")
                .hasMessageContaining("Q4_K=12");
        byte[] nested = new GgufBytes().header(3, 0, 1).str("deep").bytes();
        GgufBytes b = new GgufBytes().raw(nested);
        for (int i = 0; i < 20; i++) {
            b.u32(9).u32(9).u64(1);
        }
        opening("nested.gguf", b.bytes()).hasMessageContaining("'deep'");
    }

    @Test
    void badTensorInfos() throws IOException {
        opening("misaligned.gguf", oneTensor(new long[] {4}, GgmlType.F32, 4))
                .hasMessageContaining("'blk.0.bad'")
                .hasMessageContaining("alignment");
        opening("pastend.gguf", oneTensor(new long[] {17}, GgmlType.F32, 0))
                .hasMessageContaining("'blk.0.bad'")
                .hasMessageContaining("past the end");
        opening("farpastend.gguf", oneTensor(new long[] {4}, GgmlType.F32, 1L << 50))
                .hasMessageContaining("'blk.0.bad'");
        opening("rowblock.gguf", oneTensor(new long[] {16, 2}, GgmlType.Q4_0, 0))
                .hasMessageContaining("'blk.0.bad'")
                .hasMessageContaining("block size 32");
        opening("overflow.gguf", oneTensor(new long[] {1L << 32, 1L << 32}, GgmlType.F32, 0))
                .hasMessageContaining("'blk.0.bad'")
                .hasMessageContaining("64 bits");
        opening("negdim.gguf", oneTensor(new long[] {-1}, GgmlType.F32, 0))
                .hasMessageContaining("'blk.0.bad'");
        opening("fivedims.gguf", oneTensor(new long[] {1, 1, 1, 1, 1}, GgmlType.F32, 0))
                .hasMessageContaining("'blk.0.bad'")
                .hasMessageContaining("5 dimensions");
        byte[] overlap =
                new GgufBytes()
                        .header(3, 2, 0)
                        .tensorInfo("a", new long[] {16}, GgmlType.F32, 0)
                        .tensorInfo("b.overlaps", new long[] {8}, GgmlType.F32, 32)
                        .pad(32)
                        .raw(new byte[96])
                        .bytes();
        opening("overlap.gguf", overlap)
                .hasMessageContaining("'b.overlaps'")
                .hasMessageContaining("overlaps");
        byte[] dup =
                new GgufBytes()
                        .header(3, 2, 0)
                        .tensorInfo("twice", new long[] {8}, GgmlType.F32, 0)
                        .tensorInfo("twice", new long[] {8}, GgmlType.F32, 32)
                        .pad(32)
                        .raw(new byte[64])
                        .bytes();
        opening("duptensor.gguf", dup)
                .hasMessageContaining("'twice'")
                .hasMessageContaining("duplicate");
    }

    @Test
    void badMetadata() throws IOException {
        opening(
                        "align.gguf",
                        new GgufBytes().header(3, 0, 1).kvU32("general.alignment", 24).bytes())
                .hasMessageContaining("general.alignment");
        opening(
                        "dupkey.gguf",
                        new GgufBytes().header(3, 0, 2).kvU32("a.b", 1).kvU32("a.b", 2).bytes())
                .hasMessageContaining("'a.b'")
                .hasMessageContaining("duplicate");
        opening("bool.gguf", new GgufBytes().header(3, 0, 1).str("flag").u32(7).u8(5).bytes())
                .hasMessageContaining("'flag'");
    }

    @Test
    void customAlignmentIsHonoured() throws IOException {
        byte[] bytes =
                new GgufBytes()
                        .header(2, 1, 1)
                        .kvU32("general.alignment", 64)
                        .tensorInfo("w", new long[] {2}, GgmlType.F32, 0)
                        .pad(64)
                        .f32(1.5f)
                        .f32(-2f)
                        .bytes();
        try (GgufFile f = GgufFile.open(write("align64.gguf", bytes))) {
            assertThat(f.version()).isEqualTo(2);
            assertThat(f.alignment()).isEqualTo(64);
            assertThat(f.dataStart() % 64).isZero();
            assertThat(f.readFloats("w")).containsExactly(1.5f, -2f);
        }
    }

    @Test
    void everyTruncationFailsCleanly() throws IOException {
        byte[] sample = GgufBytes.sample(null);
        for (int len = 0; len < sample.length; len++) {
            Path file = write("cut.gguf", Arrays.copyOf(sample, len));
            int l = len;
            assertThatThrownBy(() -> GgufFile.open(file).close())
                    .as("cut at %d", l)
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("cut.gguf");
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws IOException {
        byte[] sample = GgufBytes.sample(null);
        Random random = new Random(42);
        for (int trial = 0; trial < 600; trial++) {
            byte[] bytes = sample.clone();
            for (int k = 0; k < 1 + trial % 4; k++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) (trial % 3 == 0 ? 0xff : random.nextInt(256));
            }
            Path file = write("fuzz.gguf", bytes);
            try (GgufFile f = GgufFile.open(file)) {
                for (String name : f.tensors().keySet()) {
                    f.readFloats(name);
                }
                f.metadata().asMap().size();
            } catch (CheckpointException expected) {
                assertThat(expected).hasMessageContaining("fuzz.gguf");
            }
        }
    }
}
