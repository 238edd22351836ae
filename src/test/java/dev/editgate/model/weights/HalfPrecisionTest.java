package dev.editgate.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfPrecisionTest {

    @Test
    void halfSpecialValuesDecodeExactly() {
        assertThat(Float.floatToRawIntBits(HalfPrecision.halfToFloat((short) 0x0000))).isZero();
        assertThat(Float.floatToRawIntBits(HalfPrecision.halfToFloat((short) 0x8000)))
                .isEqualTo(0x80000000);
        assertThat(HalfPrecision.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfPrecision.halfToFloat((short) 0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(HalfPrecision.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(HalfPrecision.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(HalfPrecision.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(HalfPrecision.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(HalfPrecision.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(HalfPrecision.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfPrecision.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfPrecision.halfToFloat((short) 0x7e00)).isNaN();
        assertThat(HalfPrecision.halfToFloat((short) 0x7c01)).isNaN();
    }

    @Test
    void everyNonNanHalfRoundTripsThroughFloat() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfPrecision.halfToFloat((short) h);
            if (Float.isNaN(f)) {
                assertThat(HalfPrecision.floatToHalf(f) & 0x7c00).isEqualTo(0x7c00);
                continue;
            }
            assertThat(HalfPrecision.floatToHalf(f) & 0xffff).as("half 0x%04x", h).isEqualTo(h);
        }
    }

    @Test
    void floatToHalfRoundsToNearestEven() {
        assertThat(HalfPrecision.floatToHalf(65519f)).isEqualTo((short) 0x7bff);
        assertThat(HalfPrecision.floatToHalf(65520f)).isEqualTo((short) 0x7c00);
        assertThat(HalfPrecision.floatToHalf(1e10f)).isEqualTo((short) 0x7c00);
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1.0)
        assertThat(HalfPrecision.floatToHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        // 1 + 3 * 2^-11 is halfway between odd and even mantissas: rounds up to even
        assertThat(HalfPrecision.floatToHalf(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
        // half of the smallest subnormal ties to zero; a bit more rounds up
        assertThat(HalfPrecision.floatToHalf(0x1p-25f)).isEqualTo((short) 0);
        assertThat(HalfPrecision.floatToHalf(0x1.01p-25f)).isEqualTo((short) 1);
        assertThat(HalfPrecision.floatToHalf(-0x1p-30f)).isEqualTo((short) 0x8000);
    }

    @Test
    void bf16IsTheTopHalfOfFloat32() {
        assertThat(HalfPrecision.bf16ToFloat((short) 0x3f80)).isEqualTo(1f);
        assertThat(HalfPrecision.bf16ToFloat((short) 0xff80)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfPrecision.bf16ToFloat((short) 0x0001))
                .isEqualTo(Float.intBitsToFloat(0x10000));
        assertThat(HalfPrecision.floatToBf16(1f)).isEqualTo((short) 0x3f80);
        assertThat(HalfPrecision.floatToBf16(Float.intBitsToFloat(0x3f808000)))
                .isEqualTo((short) 0x3f80);
        assertThat(HalfPrecision.floatToBf16(Float.intBitsToFloat(0x3f818000)))
                .isEqualTo((short) 0x3f82);
        assertThat(HalfPrecision.floatToBf16(Float.NaN)).isEqualTo((short) 0x7fc0);
        assertThat(HalfPrecision.floatToBf16(Float.MAX_VALUE)).isEqualTo((short) 0x7f80);
    }
}
