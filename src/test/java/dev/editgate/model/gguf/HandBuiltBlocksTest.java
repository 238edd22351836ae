package dev.editgate.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.model.weights.HalfPrecision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * One block of each type packed here from chosen quants and scales (following the packing of
 * llama.cpp's quantize_row_*), expected values computed from the format's formula.
 */
class HandBuiltBlocksTest {

    private static ByteBuffer block(GgmlType type) {
        return ByteBuffer.allocate(type.bytesPerBlock()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] run(GgmlType type, ByteBuffer b) {
        float[] y = new float[type.blockSize()];
        GgmlDequantizer.dequantize(type, b, 0, 1, y, 0);
        return y;
    }

    private static short h(float f) {
        return HalfPrecision.floatToHalf(f);
    }

    /** Quants 0..(levels-1) spread over a block, deterministic but irregular. */
    private static int[] quants(int n, int levels) {
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            q[i] = (i * 7 + i / 5) % levels;
        }
        return q;
    }

    @Test
    void q4_0() {
        int[] q = quants(32, 16);
        ByteBuffer b = block(GgmlType.Q4_0).putShort(0, h(0.5f));
        for (int j = 0; j < 16; j++) {
            b.put(2 + j, (byte) (q[j] | q[j + 16] << 4));
        }
        float[] y = run(GgmlType.Q4_0, b);
        for (int i = 0; i < 32; i++) {
            assertThat(y[i]).as("y[%d]", i).isEqualTo((q[i] - 8) * 0.5f);
        }
    }

    @Test
    void q4_1() {
        int[] q = quants(32, 16);
        ByteBuffer b = block(GgmlType.Q4_1).putShort(0, h(0.25f)).putShort(2, h(-1.5f));
        for (int j = 0; j < 16; j++) {
            b.put(4 + j, (byte) (q[j] | q[j + 16] << 4));
        }
        float[] y = run(GgmlType.Q4_1, b);
        for (int i = 0; i < 32; i++) {
            assertThat(y[i]).as("y[%d]", i).isEqualTo(q[i] * 0.25f - 1.5f);
        }
    }

    private static void pack5(ByteBuffer b, int qhAt, int qsAt, int[] q) {
        int qh = 0;
        for (int i = 0; i < 32; i++) {
            qh |= (q[i] >> 4) << i;
        }
        b.putInt(qhAt, qh);
        for (int j = 0; j < 16; j++) {
            b.put(qsAt + j, (byte) ((q[j] & 0xf) | (q[j + 16] & 0xf) << 4));
        }
    }

    @Test
    void q5_0() {
        int[] q = quants(32, 32);
        ByteBuffer b = block(GgmlType.Q5_0).putShort(0, h(2f));
        pack5(b, 2, 6, q);
        float[] y = run(GgmlType.Q5_0, b);
        for (int i = 0; i < 32; i++) {
            assertThat(y[i]).as("y[%d]", i).isEqualTo((q[i] - 16) * 2f);
        }
    }

    @Test
    void q5_1() {
        int[] q = quants(32, 32);
        ByteBuffer b = block(GgmlType.Q5_1).putShort(0, h(0.125f)).putShort(2, h(3f));
        pack5(b, 4, 8, q);
        float[] y = run(GgmlType.Q5_1, b);
        for (int i = 0; i < 32; i++) {
            assertThat(y[i]).as("y[%d]", i).isEqualTo(q[i] * 0.125f + 3f);
        }
    }

    @Test
    void q8_0() {
        ByteBuffer b = block(GgmlType.Q8_0).putShort(0, h(-0.5f));
        for (int i = 0; i < 32; i++) {
            b.put(2 + i, (byte) (i * 9 - 128));
        }
        float[] y = run(GgmlType.Q8_0, b);
        for (int i = 0; i < 32; i++) {
            assertThat(y[i]).isEqualTo((byte) (i * 9 - 128) * -0.5f);
        }
    }

    /** The 2-bit planes of Q2_K and Q3_K: 4 values of 4 groups of 32 per 32 bytes. */
    private static void pack2(ByteBuffer b, int at, int[] low2) {
        for (int j = 0; j < 256; j += 128) {
            for (int l = 0; l < 32; l++) {
                b.put(
                        at + j / 4 + l,
                        (byte)
                                (low2[j + l]
                                        | low2[j + l + 32] << 2
                                        | low2[j + l + 64] << 4
                                        | low2[j + l + 96] << 6));
            }
        }
    }

    @Test
    void q2K() {
        int[] q = quants(256, 4);
        int[] sc = quants(16, 16);
        int[] m = new int[16];
        for (int i = 0; i < 16; i++) {
            m[i] = 15 - sc[i] / 2;
        }
        ByteBuffer b = block(GgmlType.Q2_K);
        for (int i = 0; i < 16; i++) {
            b.put(i, (byte) (sc[i] | m[i] << 4));
        }
        pack2(b, 16, q);
        b.putShort(80, h(0.5f)).putShort(82, h(0.25f));
        float[] y = run(GgmlType.Q2_K, b);
        for (int i = 0; i < 256; i++) {
            float expected = 0.5f * sc[i / 16] * q[i] - 0.25f * m[i / 16];
            assertThat(y[i]).as("y[%d]", i).isEqualTo(expected);
        }
    }

    @Test
    void q3K() {
        int[] q = quants(256, 8); // stored value; the quant is q - 4
        int[] ls = new int[16]; // 6-bit scales; the scale is ls - 32
        for (int i = 0; i < 16; i++) {
            ls[i] = (i * 13 + 5) % 64;
        }
        ByteBuffer b = block(GgmlType.Q3_K);
        byte[] scales = new byte[12];
        for (int j = 0; j < 16; j++) {
            int l = ls[j];
            if (j < 8) {
                scales[j] = (byte) (l & 0xf);
            } else {
                scales[j - 8] |= (byte) ((l & 0xf) << 4);
            }
            scales[j % 4 + 8] |= (byte) ((l >> 4) << (2 * (j / 4)));
        }
        int[] low = new int[256];
        int bit = 0;
        int hm = 1;
        for (int j = 0; j < 256; j++) {
            low[j] = q[j] & 3;
            if (q[j] > 3) {
                b.put(bit, (byte) (b.get(bit) | hm));
            }
            if (++bit == 32) {
                bit = 0;
                hm <<= 1;
            }
        }
        pack2(b, 32, low);
        b.put(96, scales).putShort(108, h(0.75f));
        b.position(0);
        float[] y = run(GgmlType.Q3_K, b);
        for (int i = 0; i < 256; i++) {
            float expected = 0.75f * (ls[i / 16] - 32) * (q[i] - 4);
            assertThat(y[i]).as("y[%d]", i).isEqualTo(expected);
        }
    }

    /** Packs eight 6-bit scales and mins as quantize_row_q4_K does. */
    private static byte[] packScales(int[] sc, int[] m) {
        byte[] s = new byte[12];
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                s[j] = (byte) sc[j];
                s[j + 4] = (byte) m[j];
            } else {
                s[j + 4] = (byte) ((sc[j] & 0xf) | ((m[j] & 0xf) << 4));
                s[j - 4] |= (byte) ((sc[j] >> 4) << 6);
                s[j] |= (byte) ((m[j] >> 4) << 6);
            }
        }
        return s;
    }

    private static final int[] SC = {63, 1, 40, 17, 33, 62, 48, 5};
    private static final int[] MIN = {0, 63, 21, 50, 7, 36, 63, 16};

    @Test
    void q4K() {
        int[] q = quants(256, 16);
        ByteBuffer b = block(GgmlType.Q4_K).putShort(0, h(0.125f)).putShort(2, h(0.0625f));
        byte[] s = packScales(SC, MIN);
        for (int i = 0; i < 12; i++) {
            b.put(4 + i, s[i]);
        }
        for (int j = 0; j < 256; j += 64) {
            for (int l = 0; l < 32; l++) {
                b.put(16 + j / 2 + l, (byte) (q[j + l] | q[j + l + 32] << 4));
            }
        }
        float[] y = run(GgmlType.Q4_K, b);
        for (int i = 0; i < 256; i++) {
            float expected = 0.125f * SC[i / 32] * q[i] - 0.0625f * MIN[i / 32];
            assertThat(y[i]).as("y[%d]", i).isEqualTo(expected);
        }
    }

    @Test
    void q5K() {
        int[] q = quants(256, 32);
        ByteBuffer b = block(GgmlType.Q5_K).putShort(0, h(0.25f)).putShort(2, h(-0.5f));
        byte[] s = packScales(SC, MIN);
        for (int i = 0; i < 12; i++) {
            b.put(4 + i, s[i]);
        }
        int m1 = 1;
        int m2 = 2;
        for (int n = 0; n < 256; n += 64) {
            for (int j = 0; j < 32; j++) {
                int l1 = q[n + j];
                int l2 = q[n + j + 32];
                int qh = b.get(16 + j);
                if (l1 > 15) {
                    l1 -= 16;
                    qh |= m1;
                }
                if (l2 > 15) {
                    l2 -= 16;
                    qh |= m2;
                }
                b.put(16 + j, (byte) qh);
                b.put(48 + n / 2 + j, (byte) (l1 | l2 << 4));
            }
            m1 <<= 2;
            m2 <<= 2;
        }
        float[] y = run(GgmlType.Q5_K, b);
        for (int i = 0; i < 256; i++) {
            float expected = 0.25f * SC[i / 32] * q[i] - -0.5f * MIN[i / 32];
            assertThat(y[i]).as("y[%d]", i).isEqualTo(expected);
        }
    }

    @Test
    void q6K() {
        int[] q = quants(256, 64);
        byte[] sc = {-128, -7, 0, 1, 2, 3, 127, 64, -64, 5, 6, 7, 8, 9, 10, 11};
        ByteBuffer b = block(GgmlType.Q6_K);
        for (int j = 0; j < 256; j += 128) {
            int ql = j / 2;
            int qh = 128 + j / 4;
            for (int l = 0; l < 32; l++) {
                int q1 = q[j + l];
                int q2 = q[j + l + 32];
                int q3 = q[j + l + 64];
                int q4 = q[j + l + 96];
                b.put(ql + l, (byte) ((q1 & 0xf) | (q3 & 0xf) << 4));
                b.put(ql + l + 32, (byte) ((q2 & 0xf) | (q4 & 0xf) << 4));
                int high = (q1 >> 4) | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6;
                b.put(qh + l, (byte) high);
            }
        }
        for (int i = 0; i < 16; i++) {
            b.put(192 + i, sc[i]);
        }
        b.putShort(208, h(0.5f));
        float[] y = run(GgmlType.Q6_K, b);
        for (int i = 0; i < 256; i++) {
            assertThat(y[i]).as("y[%d]", i).isEqualTo(0.5f * sc[i / 16] * (q[i] - 32));
        }
    }

    @Test
    void q8K() {
        ByteBuffer b = block(GgmlType.Q8_K).putFloat(0, 0.1f);
        for (int i = 0; i < 256; i++) {
            b.put(4 + i, (byte) (i - 128));
        }
        float[] y = run(GgmlType.Q8_K, b);
        for (int i = 0; i < 256; i++) {
            assertThat(y[i]).isEqualTo(0.1f * (i - 128));
        }
    }

    @Test
    void plainTypesAndUnsupportedOnes() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, h(-2f)).putShort(2, (short) 0x3f80).putFloat(4, 7.25f);
        float[] y = new float[1];
        GgmlDequantizer.dequantize(GgmlType.F16, b, 0, 1, y, 0);
        assertThat(y[0]).isEqualTo(-2f);
        GgmlDequantizer.dequantize(GgmlType.BF16, b, 2, 1, y, 0);
        assertThat(y[0]).isEqualTo(1f);
        GgmlDequantizer.dequantize(GgmlType.F32, b, 4, 1, y, 0);
        assertThat(y[0]).isEqualTo(7.25f);
        assertThatThrownBy(
                        () ->
                                GgmlDequantizer.dequantize(
                                        GgmlType.IQ2_XS, b, 0, 1, new float[256], 0))
                .hasMessageContaining("IQ2_XS")
                .hasMessageContaining("Q6_K");
    }
}
