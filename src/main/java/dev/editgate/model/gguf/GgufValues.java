package dev.editgate.model.gguf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads GGUF metadata values. Scalars become {@link Long} (every integer type; UINT64 keeps its
 * bits), {@link Float}, {@link Double}, {@link Boolean} or {@link String}. Arrays become {@code
 * long[]}, {@code float[]}, {@code double[]}, {@code boolean[]}, an unmodifiable {@code
 * List<String>}, or for nested arrays an unmodifiable {@code List<Object>}.
 */
final class GgufValues {

    /** Deepest nesting of arrays accepted. */
    static final int MAX_DEPTH = 8;

    private GgufValues() {}

    static GgufValueType type(GgufReader in) {
        long id = in.u32();
        GgufValueType type = GgufValueType.fromId(id);
        if (type == null) {
            throw in.error("unknown value type " + id + "; accepted: 0..12 (UINT8 .. FLOAT64)");
        }
        return type;
    }

    static Object read(GgufReader in, GgufValueType type, int depth) {
        return switch (type) {
            case UINT8 -> (long) in.u8();
            case INT8 -> (long) (byte) in.u8();
            case UINT16 -> (long) (in.i16() & 0xffff);
            case INT16 -> (long) in.i16();
            case UINT32 -> in.u32();
            case INT32 -> (long) in.i32();
            case UINT64, INT64 -> in.i64();
            case FLOAT32 -> in.f32();
            case FLOAT64 -> in.f64();
            case BOOL -> bool(in);
            case STRING -> in.string("string");
            case ARRAY -> array(in, depth);
        };
    }

    private static boolean bool(GgufReader in) {
        int b = in.u8();
        if (b > 1) {
            throw in.error("bool value " + b + "; accepted: 0 or 1");
        }
        return b == 1;
    }

    private static Object array(GgufReader in, int depth) {
        if (depth >= MAX_DEPTH) {
            throw in.error("arrays nested deeper than " + MAX_DEPTH + " levels");
        }
        GgufValueType element = type(in);
        long count = in.i64();
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw in.error(
                    "array of "
                            + Long.toUnsignedString(count)
                            + " elements; accepted: at most "
                            + (Integer.MAX_VALUE - 8));
        }
        in.require(count * element.minBytes, "array of " + count + " " + element + " values");
        int n = (int) count;
        switch (element) {
            case FLOAT32 -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in.f32();
                }
                return out;
            }
            case FLOAT64 -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in.f64();
                }
                return out;
            }
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = bool(in);
                }
                return out;
            }
            case STRING, ARRAY -> {
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(read(in, element, depth + 1));
                }
                return Collections.unmodifiableList(out);
            }
            default -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (Long) read(in, element, depth + 1);
                }
                return out;
            }
        }
    }
}
