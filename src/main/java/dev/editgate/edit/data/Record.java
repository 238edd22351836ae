package dev.editgate.edit.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** One JSON record of a dataset file, with field access whose errors say file, index and field. */
record Record(Path file, int index, JsonNode node, String prefix) {

    Record(Path file, int index, JsonNode node) {
        this(file, index, node, "");
    }

    IllegalArgumentException error(String field, String expected) {
        return new IllegalArgumentException(
                file + ": record " + index + ": field '" + field + "' must be " + expected);
    }

    /** Whether {@code field} is present as a blank string. */
    boolean isEmptyString(String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() && v.asText().isBlank();
    }

    /** A required non-empty string. */
    String text(String field) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    file
                            + ": record "
                            + index
                            + (prefix.isEmpty()
                                    ? ""
                                    : ": field '" + prefix.substring(0, prefix.length() - 1) + "'")
                            + " is not a JSON object");
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(prefix + field, "present (a string)");
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw error(prefix + field, "a string, was " + v.getNodeType());
        }
        String s = v.asText();
        if (s.isBlank()) {
            throw error(prefix + field, "a non-empty string");
        }
        return s;
    }

    /** An optional string (null when absent or empty). */
    String optionalText(String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw error(prefix + field, "a string, was " + v.getNodeType());
        }
        return v.asText().isBlank() ? null : v.asText();
    }

    /** A required nested object. */
    Record child(String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isObject()) {
            throw error(prefix + field, "an object");
        }
        return new Record(file, index, v, prefix + field + ".");
    }

    /** The first string of an optional array field, or null. */
    String firstOf(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw error(prefix + field, "an array of strings");
        }
        return v.isEmpty() ? null : v.get(0).asText();
    }
}
