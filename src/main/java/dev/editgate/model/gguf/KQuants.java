package dev.editgate.model.gguf;

import dev.editgate.model.weights.HalfPrecision;
import java.nio.ByteBuffer;

/**
 * Dequantisation of ggml's 256-element "K" super-block types, following llama.cpp's {@code
 * dequantize_row_q2_K} .. {@code dequantize_row_q8_K}: float32 arithmetic in the same order, no
 * fused multiply-add.
 */
final class KQuants {

    static final int QK_K = 256;

    private KQuants() {}

    private static float half(ByteBuffer b, int at) {
        return HalfPrecision.halfToFloat(b.getShort(at));
    }

    private static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xff;
    }

    /** block_q2_K: scales[16] (4-bit scale, 4-bit min), qs[64] (2-bit), f16 d, f16 dmin. */
    static void q2K(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at + 80);
        float min = half(b, at + 82);
        int q = at + 16;
        int is = 0;
        for (int n = 0; n < QK_K; n += 128) {
            int shift = 0;
            for (int j = 0; j < 4; j++) {
                for (int half = 0; half < 2; half++) {
                    int sc = u8(b, at + is++);
                    float dl = d * (sc & 0xf);
                    float ml = min * (sc >>> 4);
                    for (int l = 0; l < 16; l++) {
                        y[out++] = dl * ((u8(b, q + l + 16 * half) >>> shift) & 3) - ml;
                    }
                }
                shift += 2;
            }
            q += 32;
        }
    }

    /** block_q3_K: hmask[32], qs[64] (low 2 bits), scales[12] (6-bit), f16 d. */
    static void q3K(ByteBuffer b, int at, float[] y, int out) {
        float dAll = half(b, at + 108);
        int[] aux = new int[4];
        for (int i = 0; i < 3; i++) {
            aux[i] = b.getInt(at + 96 + 4 * i);
        }
        final int kmask1 = 0x03030303;
        final int kmask2 = 0x0f0f0f0f;
        int tmp = aux[2];
        aux[2] = ((aux[0] >>> 4) & kmask2) | (((tmp >>> 4) & kmask1) << 4);
        aux[3] = ((aux[1] >>> 4) & kmask2) | (((tmp >>> 6) & kmask1) << 4);
        aux[0] = (aux[0] & kmask2) | (((tmp >>> 0) & kmask1) << 4);
        aux[1] = (aux[1] & kmask2) | (((tmp >>> 2) & kmask1) << 4);
        byte[] scales = new byte[16];
        for (int i = 0; i < 16; i++) {
            scales[i] = (byte) (aux[i / 4] >>> (8 * (i % 4)));
        }
        int q = at + 32;
        int hm = at;
        int is = 0;
        int m = 1;
        for (int n = 0; n < QK_K; n += 128) {
            int shift = 0;
            for (int j = 0; j < 4; j++) {
                for (int half = 0; half < 2; half++) {
                    float dl = dAll * (scales[is++] - 32);
                    for (int l = 0; l < 16; l++) {
                        int k = l + 16 * half;
                        int low = (u8(b, q + k) >>> shift) & 3;
                        int high = (u8(b, hm + k) & m) != 0 ? 0 : 4;
                        y[out++] = dl * (low - high);
                    }
                }
                shift += 2;
                m <<= 1;
            }
            q += 32;
        }
    }

    /** The j-th 6-bit scale and min of the 12 packed bytes at {@code s} (Q4_K, Q5_K). */
    private static int scale(ByteBuffer b, int s, int j) {
        return j < 4
                ? u8(b, s + j) & 63
                : (u8(b, s + j + 4) & 0xf) | ((u8(b, s + j - 4) >>> 6) << 4);
    }

    private static int min(ByteBuffer b, int s, int j) {
        return j < 4
                ? u8(b, s + j + 4) & 63
                : (u8(b, s + j + 4) >>> 4) | ((u8(b, s + j) >>> 6) << 4);
    }

    /** block_q4_K: f16 d, f16 dmin, scales[12], qs[128] (4-bit); y = d*sc*q - dmin*m. */
    static void q4K(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at);
        float min = half(b, at + 2);
        int s = at + 4;
        int q = at + 16;
        int is = 0;
        for (int j = 0; j < QK_K; j += 64) {
            float d1 = d * scale(b, s, is);
            float m1 = min * min(b, s, is);
            float d2 = d * scale(b, s, is + 1);
            float m2 = min * min(b, s, is + 1);
            for (int l = 0; l < 32; l++) {
                y[out++] = d1 * (u8(b, q + l) & 0xf) - m1;
            }
            for (int l = 0; l < 32; l++) {
                y[out++] = d2 * (u8(b, q + l) >>> 4) - m2;
            }
            q += 32;
            is += 2;
        }
    }

    /** block_q5_K: f16 d, f16 dmin, scales[12], qh[32], qs[128]; as Q4_K with a fifth bit. */
    static void q5K(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at);
        float min = half(b, at + 2);
        int s = at + 4;
        int qh = at + 16;
        int ql = at + 48;
        int is = 0;
        int u1 = 1;
        int u2 = 2;
        for (int j = 0; j < QK_K; j += 64) {
            float d1 = d * scale(b, s, is);
            float m1 = min * min(b, s, is);
            float d2 = d * scale(b, s, is + 1);
            float m2 = min * min(b, s, is + 1);
            for (int l = 0; l < 32; l++) {
                int hi = (u8(b, qh + l) & u1) != 0 ? 16 : 0;
                y[out++] = d1 * ((u8(b, ql + l) & 0xf) + hi) - m1;
            }
            for (int l = 0; l < 32; l++) {
                int hi = (u8(b, qh + l) & u2) != 0 ? 16 : 0;
                y[out++] = d2 * ((u8(b, ql + l) >>> 4) + hi) - m2;
            }
            ql += 32;
            is += 2;
            u1 <<= 2;
            u2 <<= 2;
        }
    }

    /** block_q6_K: ql[128], qh[64], int8 scales[16], f16 d; y = d * sc * (q - 32). */
    static void q6K(ByteBuffer b, int at, float[] y, int out) {
        float d = half(b, at + 208);
        int ql = at;
        int qh = at + 128;
        int sc = at + 192;
        for (int n = 0; n < QK_K; n += 128) {
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = u8(b, qh + l);
                int q1 = ((u8(b, ql + l) & 0xf) | (((h >>> 0) & 3) << 4)) - 32;
                int q2 = ((u8(b, ql + l + 32) & 0xf) | (((h >>> 2) & 3) << 4)) - 32;
                int q3 = ((u8(b, ql + l) >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
                int q4 = ((u8(b, ql + l + 32) >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
                y[out + l] = d * b.get(sc + is) * q1;
                y[out + l + 32] = d * b.get(sc + is + 2) * q2;
                y[out + l + 64] = d * b.get(sc + is + 4) * q3;
                y[out + l + 96] = d * b.get(sc + is + 6) * q4;
            }
            out += 128;
            ql += 64;
            qh += 32;
            sc += 8;
        }
    }

    /** block_q8_K: f32 d, int8 qs[256], int16 bsums[16]; y = d * q. */
    static void q8K(ByteBuffer b, int at, float[] y, int out) {
        float d = b.getFloat(at);
        for (int j = 0; j < QK_K; j++) {
            y[out + j] = d * b.get(at + 4 + j);
        }
    }
}
