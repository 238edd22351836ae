package dev.editgate.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code config.json} tree as a family reads it: typed values with defaults, and errors that name
 * the file and the key.
 */
public final class ConfigJson {
    private final JsonNode root;
    private final String source;

    /**
     * @param source names the file in errors
     */
    public ConfigJson(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    /** The file, as errors name it. */
    public String source() {
        return source;
    }

    /** The raw value of {@code key}, or null. */
    public JsonNode get(String key) {
        return root.get(key);
    }

    /** Whether {@code key} is present and not null. */
    public boolean has(String key) {
        return root.hasNonNull(key);
    }

    /** A load error about this file. */
    public ModelLoadException error(String message) {
        return new ModelLoadException(source + ": " + message);
    }

    /** A required integer. */
    public int integer(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw error("missing \"" + key + "\"");
        }
        if (!n.canConvertToInt()) {
            throw error("\"" + key + "\" must be an integer, was " + n);
        }
        return n.asInt();
    }

    public int integer(String key, int fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : integer(key);
    }

    /** An integer or the first of a list ({@code eos_token_id} may be either); -1 when absent. */
    public int firstInteger(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return -1;
        }
        return n.isArray() ? (n.isEmpty() ? -1 : n.get(0).asInt()) : n.asInt();
    }

    public double number(String key, double fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw error("\"" + key + "\" must be a number, was " + n);
        }
        return n.asDouble();
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asBoolean();
    }

    public String text(String key, String fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    /** {@code bos_token_id}, the first {@code eos_token_id}, {@code pad_token_id} (-1: none). */
    public ModelConfig.Builder specialTokens(ModelConfig.Builder b) {
        return b.specialTokens(
                integer("bos_token_id", -1),
                firstInteger("eos_token_id"),
                integer("pad_token_id", -1));
    }

    /** {@code rope_scaling}: null when absent or {@code default}; llama3 and linear are read. */
    public ModelConfig.RopeScaling ropeScaling() {
        JsonNode rs = root.get("rope_scaling");
        if (rs == null || rs.isNull()) {
            return null;
        }
        String type =
                rs.has("rope_type") ? rs.get("rope_type").asText() : rs.path("type").asText("");
        if (!type.equals("llama3") && !type.equals("linear") && !type.equals("default")) {
            throw error(
                    "rope_scaling type \""
                            + type
                            + "\" is not supported; supported: llama3, linear, default");
        }
        if (type.equals("default")) {
            return null;
        }
        return new ModelConfig.RopeScaling(
                type,
                rs.path("factor").asDouble(1.0),
                rs.path("low_freq_factor").asDouble(1.0),
                rs.path("high_freq_factor").asDouble(4.0),
                rs.path("original_max_position_embeddings").asInt(8192));
    }
}
