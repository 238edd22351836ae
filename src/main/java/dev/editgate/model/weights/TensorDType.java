package dev.editgate.model.weights;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Element types of safetensors tensors that EditGate reads and writes. */
public enum TensorDType {
    F32(4, "F32"),
    F16(2, "F16"),
    BF16(2, "BF16"),
    F64(8, "F64"),
    I64(8, "I64"),
    I32(4, "I32"),
    I16(2, "I16"),
    I8(1, "I8"),
    U8(1, "U8"),
    BOOL(1, "BOOL");

    private final int byteSize;
    private final String safetensorsName;

    TensorDType(int byteSize, String safetensorsName) {
        this.byteSize = byteSize;
        this.safetensorsName = safetensorsName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The name used in a safetensors header ({@code "BF16"}, {@code "I64"}, ...). */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** Whether {@link SafetensorsFile#readAsFloat32} can convert this type. */
    public boolean isFloatingPoint() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /**
     * Looks a safetensors dtype name up.
     *
     * @return the type, or {@code null} when the name is not one of {@link #acceptedNames()}
     */
    public static TensorDType fromSafetensorsName(String name) {
        for (TensorDType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The accepted safetensors names, comma-separated, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(values())
                .map(TensorDType::safetensorsName)
                .collect(Collectors.joining(", "));
    }
}
