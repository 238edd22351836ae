package dev.editgate.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files past 2 GiB, made sparse so the test costs no disk or memory: offsets beyond
 * Integer.MAX_VALUE read correctly, and a tensor too large for one Java buffer fails clearly.
 */
class LargeFileTest {

    @TempDir Path dir;

    private static final long FAR = 2_500_000_000L;

    private Path sparse() throws Exception {
        String header =
                "{\"huge.weight\":{\"dtype\":\"F32\",\"shape\":[600000000],"
                        + "\"data_offsets\":[0,2400000000]},"
                        + "\"far.bias\":{\"dtype\":\"BF16\",\"shape\":[3],"
                        + "\"data_offsets\":["
                        + FAR
                        + ","
                        + (FAR + 6)
                        + "]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long dataStart = 8 + json.length;
            raf.setLength(dataStart + FAR + 6);
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            raf.write(head.putLong(json.length).array());
            raf.write(json);
            raf.seek(dataStart + FAR);
            ByteBuffer bf = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
            bf.putShort((short) 0x3f80).putShort((short) 0xc040).putShort((short) 0x7f80);
            raf.write(bf.array());
        }
        return file;
    }

    @Test
    void readsATensorBeyondTwoGibibytes() throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(sparse())) {
            TensorInfo far = f.tensor("far.bias");
            assertThat(far.dataOffset()).isGreaterThan(Integer.MAX_VALUE);
            assertThat(f.readFloats("far.bias")).containsExactly(1f, -3f, Float.POSITIVE_INFINITY);
            assertThat(f.totalBytes()).isEqualTo(2_400_000_006L);
        }
    }

    @Test
    void aTensorLargerThanOneBufferFailsWithAClearMessage() throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(sparse())) {
            assertThatThrownBy(() -> f.readRaw("huge.weight"))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("sparse.safetensors")
                    .hasMessageContaining("'huge.weight'")
                    .hasMessageContaining("2400000000 bytes");
            assertThatThrownBy(() -> f.readFloats("huge.weight"))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("'huge.weight'");
            assertThatThrownBy(() -> f.readAsFloat32("huge.weight", ByteBuffer.allocate(64)))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("'huge.weight'");
        }
    }
}
