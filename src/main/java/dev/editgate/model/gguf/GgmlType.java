package dev.editgate.model.gguf;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Tensor element types of ggml, with their numeric ids in GGUF files and their block layout.
 *
 * <p>A block of {@link #blockSize()} elements takes {@link #bytesPerBlock()} bytes; a row of a
 * tensor must hold a whole number of blocks. Types for which {@link #canDequantize()} is false can
 * be opened and read raw but not converted to float32.
 */
public enum GgmlType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, true),
    Q5_0(6, 32, 22, true),
    Q5_1(7, 32, 24, true),
    Q8_0(8, 32, 34, true),
    Q8_1(9, 32, 36, false),
    Q2_K(10, 256, 84, true),
    Q3_K(11, 256, 110, true),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, true),
    Q6_K(14, 256, 210, true),
    Q8_K(15, 256, 292, true),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, true),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, true),
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false),
    MXFP4(39, 32, 17, false),
    NVFP4(40, 64, 36, false),
    Q1_0(41, 128, 18, false);

    private final int id;
    private final int blockSize;
    private final int bytesPerBlock;
    private final boolean dequantizable;

    GgmlType(int id, int blockSize, int bytesPerBlock, boolean dequantizable) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
        this.dequantizable = dequantizable;
    }

    /** The id stored in GGUF tensor infos. */
    public int id() {
        return id;
    }

    /** Elements per block (1 for plain types). */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Whether {@link GgufFile#readFloats} can convert this type to float32. */
    public boolean canDequantize() {
        return dequantizable;
    }

    /** Bytes taken by {@code elements} elements, a multiple of {@link #blockSize()}. */
    public long byteSize(long elements) {
        return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
    }

    /** The type with GGUF id {@code id}, or {@code null} when unknown. */
    public static GgmlType fromId(long id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** Names and ids of the known types, for error messages. */
    public static String knownTypes() {
        return Arrays.stream(values())
                .map(t -> t.name() + "=" + t.id)
                .collect(Collectors.joining(", "));
    }

    /** Names of the types that can be dequantised, for error messages. */
    public static String dequantizableTypes() {
        return Arrays.stream(values())
                .filter(GgmlType::canDequantize)
                .map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
