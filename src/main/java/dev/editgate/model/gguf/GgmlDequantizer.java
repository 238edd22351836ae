package dev.editgate.model.gguf;

import dev.editgate.model.weights.HalfPrecision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Converts whole blocks of any dequantisable {@link GgmlType} to float32. */
public final class GgmlDequantizer {

    private GgmlDequantizer() {}

    /**
     * Dequantises {@code blocks} consecutive blocks of {@code type} starting at byte {@code at} of
     * {@code src} (read little-endian whatever its order) into {@code dst} from {@code out}.
     *
     * @throws IllegalArgumentException when the type cannot be dequantised
     */
    public static void dequantize(
            GgmlType type, ByteBuffer src, int at, int blocks, float[] dst, int out) {
        ByteBuffer b = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = type.bytesPerBlock();
        int n = type.blockSize();
        for (int i = 0; i < blocks; i++) {
            int p = at + i * size;
            int o = out + i * n;
            switch (type) {
                case F32 -> dst[o] = b.getFloat(p);
                case F16 -> dst[o] = HalfPrecision.halfToFloat(b.getShort(p));
                case BF16 -> dst[o] = HalfPrecision.bf16ToFloat(b.getShort(p));
                case F64 -> dst[o] = (float) b.getDouble(p);
                case Q4_0 -> LegacyQuants.q4_0(b, p, dst, o);
                case Q4_1 -> LegacyQuants.q4_1(b, p, dst, o);
                case Q5_0 -> LegacyQuants.q5_0(b, p, dst, o);
                case Q5_1 -> LegacyQuants.q5_1(b, p, dst, o);
                case Q8_0 -> LegacyQuants.q8_0(b, p, dst, o);
                case Q2_K -> KQuants.q2K(b, p, dst, o);
                case Q3_K -> KQuants.q3K(b, p, dst, o);
                case Q4_K -> KQuants.q4K(b, p, dst, o);
                case Q5_K -> KQuants.q5K(b, p, dst, o);
                case Q6_K -> KQuants.q6K(b, p, dst, o);
                case Q8_K -> KQuants.q8K(b, p, dst, o);
                default ->
                        throw new IllegalArgumentException(
                                "cannot dequantise "
                                        + type
                                        + "; accepted: "
                                        + GgmlType.dequantizableTypes());
            }
        }
    }
}
