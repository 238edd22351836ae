package dev.editgate.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random blocks of every type, dequantised by the gguf Python package (numpy port of llama.cpp),
 * must come out bit-identical here.
 */
class QuantBlocksReferenceTest {

    @Test
    void everyTypeMatchesTheGgufPackageBitForBit() throws Exception {
        JsonNode cases = GgufReferenceFiles.fixture("quant-blocks-reference.json").get("cases");
        Set<GgmlType> seen = new HashSet<>();
        for (JsonNode c : cases) {
            GgmlType type = GgmlType.valueOf(c.get("type").asText());
            seen.add(type);
            byte[] raw = HexFormat.of().parseHex(c.get("hex").asText());
            int blocks = c.get("blocks").asInt();
            assertThat(raw).hasSize(blocks * type.bytesPerBlock());
            float[] actual = new float[blocks * type.blockSize()];
            GgmlDequantizer.dequantize(type, ByteBuffer.wrap(raw), 0, blocks, actual, 0);
            JsonNode expected = c.get("values");
            assertThat(expected.size()).isEqualTo(actual.length);
            for (int i = 0; i < actual.length; i++) {
                float e = (float) expected.get(i).asDouble();
                assertThat(Float.floatToIntBits(actual[i]))
                        .as("%s value %d: %s vs expected %s", type, i, actual[i], e)
                        .isEqualTo(Float.floatToIntBits(e));
            }
        }
        assertThat(seen)
                .contains(
                        GgmlType.Q4_0,
                        GgmlType.Q4_1,
                        GgmlType.Q5_0,
                        GgmlType.Q5_1,
                        GgmlType.Q8_0,
                        GgmlType.Q2_K,
                        GgmlType.Q3_K,
                        GgmlType.Q4_K,
                        GgmlType.Q5_K,
                        GgmlType.Q6_K,
                        GgmlType.F16,
                        GgmlType.BF16);
    }
}
