package dev.editgate.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {

    @TempDir Path dir;

    @Test
    void readsAHandBuiltFile() throws Exception {
        Path file = dir.resolve("sample.gguf");
        Files.write(file, GgufBytes.sample(null));
        List<float[]> expected = GgufBytes.sampleValues();
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.version()).isEqualTo(3);
            assertThat(gguf.alignment()).isEqualTo(32);
            assertThat(gguf.dataStart() % 32).isZero();
            GgufMetadata meta = gguf.metadata();
            assertThat(meta.architecture()).isEqualTo("llama");
            assertThat(meta.blockCount()).isEqualTo(2);
            assertThat(meta.ropeFreqBase()).isEqualTo(500000.0);
            assertThat(meta.tokens()).containsExactly("a", "b", "ab");
            assertThat(meta.merges()).isEmpty();
            assertThat(meta.bosTokenId()).isEmpty();

            GgufTensorInfo w = gguf.tensor("w.f32");
            assertThat(w.dims()).containsExactly(3, 2);
            assertThat(w.shape()).containsExactly(2, 3);
            assertThat(gguf.readFloats("w.f32")).containsExactly(expected.get(0));
            assertThat(gguf.readFloats("w.q8")).containsExactly(expected.get(1));
            assertThat(gguf.tensors().keySet()).containsExactly("w.f32", "w.q8");
            ByteBuffer raw = gguf.readRaw("w.q8");
            assertThat(raw.remaining()).isEqualTo(34);
            ByteBuffer dest = ByteBuffer.allocate(8 + 24);
            dest.position(8);
            gguf.readAsFloat32("w.f32", dest);
            assertThat(dest.position()).isEqualTo(32);
            assertThat(dest.order(ByteOrder.LITTLE_ENDIAN).getFloat(8 + 12)).isEqualTo(-4f);
        }
    }

    @Test
    void metadataGettersNameTheKeyWhenAbsentOrMistyped() throws Exception {
        Path file = dir.resolve("meta.gguf");
        Files.write(file, GgufBytes.sample(null));
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata meta = gguf.metadata();
            assertThatThrownBy(meta::embeddingLength)
                    .hasMessageContaining("meta.gguf")
                    .hasMessageContaining("llama.embedding_length");
            assertThatThrownBy(() -> meta.getLong("general.architecture"))
                    .hasMessageContaining("general.architecture")
                    .hasMessageContaining("integer");
        }
    }

    @Test
    void readsATensorBeyondTwoGibibytesOfASparseFile() throws Exception {
        long far = 2_500_000_000L;
        byte[] head =
                new GgufBytes()
                        .header(3, 1, 0)
                        .tensorInfo("far.q8", new long[] {32}, GgmlType.Q8_0, far)
                        .pad(32)
                        .bytes();
        Path file = dir.resolve("sparse.gguf");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(head.length + far + 34);
            raf.write(head);
            raf.seek(head.length + far);
            byte[] block = new byte[34];
            block[1] = 0x40; // d = 2.0 as f16 (0x4000)
            for (int i = 0; i < 32; i++) {
                block[2 + i] = (byte) (i - 10);
            }
            raf.write(block);
        }
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.tensor("far.q8").dataOffset()).isGreaterThan(Integer.MAX_VALUE);
            float[] v = gguf.readFloats("far.q8");
            assertThat(v[0]).isEqualTo(-20f);
            assertThat(v[31]).isEqualTo(42f);
        }
    }
}
