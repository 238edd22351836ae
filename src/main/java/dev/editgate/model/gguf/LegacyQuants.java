package dev.editgate.model.gguf;

import dev.editgate.model.weights.HalfPrecision;
import java.nio.ByteBuffer;

/**
 * Dequantisation of ggml's 32-element block types, following llama.cpp's {@code
 * dequantize_row_q4_0} and siblings: float32 arithmetic, no fused multiply-add.
 */
final class LegacyQuants {

    static final int QK = 32;

    private LegacyQuants() {}

    private static float half(ByteBuffer b, int at) {
        return HalfPrecision.halfToFloat(b.getShort(at));
    }

    /** block_q4_0: f16 d, 16 bytes of nibbles; y = (q - 8) * d. */
    static void q4_0(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at);
        for (int j = 0; j < QK / 2; j++) {
            int q = b.get(at + 2 + j) & 0xff;
            y[out + j] = ((q & 0x0f) - 8) * d;
            y[out + j + QK / 2] = ((q >>> 4) - 8) * d;
        }
    }

    /** block_q4_1: f16 d, f16 m, 16 bytes of nibbles; y = q * d + m. */
    static void q4_1(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at);
        float m = half(b, at + 2);
        for (int j = 0; j < QK / 2; j++) {
            int q = b.get(at + 4 + j) & 0xff;
            y[out + j] = (q & 0x0f) * d + m;
            y[out + j + QK / 2] = (q >>> 4) * d + m;
        }
    }

    /** block_q5_0: f16 d, 32 high bits, 16 bytes of nibbles; y = (q - 16) * d. */
    static void q5_0(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at);
        int qh = b.getInt(at + 2);
        for (int j = 0; j < QK / 2; j++) {
            int q = b.get(at + 6 + j) & 0xff;
            int xh0 = ((qh >>> j) << 4) & 0x10;
            int xh1 = (qh >>> (j + 12)) & 0x10;
            y[out + j] = (((q & 0x0f) | xh0) - 16) * d;
            y[out + j + QK / 2] = (((q >>> 4) | xh1) - 16) * d;
        }
    }

    /** block_q5_1: f16 d, f16 m, 32 high bits, 16 bytes of nibbles; y = q * d + m. */
    static void q5_1(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at);
        float m = half(b, at + 2);
        int qh = b.getInt(at + 4);
        for (int j = 0; j < QK / 2; j++) {
            int q = b.get(at + 8 + j) & 0xff;
            int xh0 = ((qh >>> j) << 4) & 0x10;
            int xh1 = (qh >>> (j + 12)) & 0x10;
            y[out + j] = ((q & 0x0f) | xh0) * d + m;
            y[out + j + QK / 2] = ((q >>> 4) | xh1) * d + m;
        }
    }

    /** block_q8_0: f16 d, 32 signed bytes; y = q * d. */
    static void q8_0(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at);
        for (int j = 0; j < QK; j++) {
            y[out + j] = b.get(at + 2 + j) * d;
        }
    }
}
