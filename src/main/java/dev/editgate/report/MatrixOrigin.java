package dev.editgate.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.editgate.scenario.MatrixPoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a measured scenario came from in a {@code matrix:}, as {@code results.jsonl} records it (so
 * {@code ./editgate report} redraws a finished run's sweeps without its suite file).
 *
 * @param base the id written in the suite ({@code rome})
 * @param values each matrix key's value as it reads in the id ({@code layers → [5]}), keys in the
 *     order written
 * @param labels each key's part of the id ({@code layers → l[5]}), same order
 */
public record MatrixOrigin(
        @JsonProperty("base") String base,
        @JsonProperty("values") Map<String, String> values,
        @JsonProperty("labels") Map<String, String> labels) {

    public MatrixOrigin {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The origin of an expanded scenario; null for a written one ({@code point} null). */
    public static MatrixOrigin of(MatrixPoint point) {
        return point == null ? null : new MatrixOrigin(point.base(), point.texts(), point.labels());
    }

    /** The matrix point this origin describes (values as the texts they read as). */
    public MatrixPoint point() {
        return new MatrixPoint(base, new LinkedHashMap<>(values), values, labels);
    }
}
