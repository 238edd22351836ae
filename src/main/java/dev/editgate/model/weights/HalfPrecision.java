package dev.editgate.model.weights;

/**
 * Conversions between float32 and the two 16-bit float formats of checkpoints.
 *
 * <p>IEEE half (F16) with subnormals, infinities and NaN payloads kept; bfloat16 (BF16) as the top
 * 16 bits of a float32. Float32 to 16 bits rounds to nearest, ties to even, as PyTorch does.
 * Written here because {@code Float.float16ToFloat} only exists from Java 20 on.
 */
public final class HalfPrecision {

    private HalfPrecision() {}

    /** Lazily built table of all 65536 half values. */
    private static final class Table {
        static final float[] HALF_TO_FLOAT = new float[1 << 16];

        static {
            for (int h = 0; h < HALF_TO_FLOAT.length; h++) {
                HALF_TO_FLOAT[h] = computeHalfToFloat((short) h);
            }
        }
    }

    /** The float32 value of IEEE half bits {@code h}; exact for every input. */
    public static float halfToFloat(short h) {
        return Table.HALF_TO_FLOAT[h & 0xffff];
    }

    static float computeHalfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24, exact in float32
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** IEEE half bits nearest to {@code f} (ties to even; overflow to infinity; NaN stays NaN). */
    public static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            if (mant == 0) {
                return (short) (sign | 0x7c00);
            }
            return (short) (sign | 0x7c00 | 0x200 | (mant >>> 13));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int mant24 = mant | 0x800000;
            int shift = 14 - e;
            return (short) (sign | roundShift(mant24, shift));
        }
        // normal: a carry out of the mantissa correctly bumps the exponent, up to infinity
        return (short) (sign | ((e << 10) + roundShift(mant, 13)));
    }

    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }

    /** The float32 value of bfloat16 bits {@code b}. */
    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    /** Bfloat16 bits nearest to {@code f} (ties to even); NaN becomes the quiet NaN 0x7fc0. */
    public static short floatToBf16(float f) {
        if (Float.isNaN(f)) {
            return (short) 0x7fc0;
        }
        int bits = Float.floatToRawIntBits(f);
        int bias = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + bias) >>> 16);
    }
}
