package dev.editgate.model.gguf;

import dev.editgate.model.weights.CheckpointException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The key/value metadata of a GGUF file, with typed getters and the model and tokenizer keys that a
 * loader needs. Getters of required keys throw a {@link CheckpointException} naming the file, the
 * key and the type found; {@code find*} getters return empty when the key is absent.
 *
 * <p>Values: integers of every width are {@link Long}; FLOAT32 {@link Float}; FLOAT64 {@link
 * Double}; arrays {@code long[]}, {@code float[]}, {@code double[]}, {@code boolean[]}, {@code
 * List<String>} or, nested, {@code List<Object>}.
 */
public final class GgufMetadata {

    private final Path file;
    private final Map<String, Object> values;

    GgufMetadata(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = Collections.unmodifiableMap(values);
    }

    /** All entries in file order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether {@code key} is present. */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** A string value, or empty when absent. */
    public Optional<String> findString(String key) {
        return Optional.ofNullable(values.get(key)).map(v -> typed(key, v, String.class, "string"));
    }

    /** A required string value. */
    public String getString(String key) {
        return findString(key).orElseThrow(() -> missing(key, "string"));
    }

    /** An integer value of any width, or empty when absent. */
    public OptionalLong findLong(String key) {
        Object v = values.get(key);
        return v == null
                ? OptionalLong.empty()
                : OptionalLong.of(typed(key, v, Long.class, "integer"));
    }

    /** A required integer value of any width. */
    public long getLong(String key) {
        return findLong(key).orElseThrow(() -> missing(key, "integer"));
    }

    /** A required number (float, double or integer) as a double. */
    public double getDouble(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw missing(key, "number");
        }
        return typed(key, v, Number.class, "number").doubleValue();
    }

    /** A number as a double, or {@code defaultValue} when absent. */
    public double getDouble(String key, double defaultValue) {
        return values.containsKey(key) ? getDouble(key) : defaultValue;
    }

    /** A required array of strings. */
    @SuppressWarnings("unchecked")
    public List<String> getStringList(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw missing(key, "array of strings");
        }
        List<?> list = typed(key, v, List.class, "array of strings");
        if (!list.isEmpty() && !(list.get(0) instanceof String)) {
            throw wrongType(key, v, "array of strings");
        }
        return (List<String>) list;
    }

    /** A required FLOAT32 array. */
    public float[] getFloatArray(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw missing(key, "array of float32");
        }
        return typed(key, v, float[].class, "array of float32").clone();
    }

    /** A required array of integers (any width). */
    public long[] getLongArray(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw missing(key, "array of integers");
        }
        return typed(key, v, long[].class, "array of integers").clone();
    }

    // ---- model hyper-parameters, named as in llama.cpp ----

    /** {@code general.architecture}, e.g. {@code llama}, {@code qwen2}, {@code gemma3}. */
    public String architecture() {
        return getString("general.architecture");
    }

    /** {@code <arch>.block_count}: number of transformer layers. */
    public long blockCount() {
        return getLong(architecture() + ".block_count");
    }

    /** {@code <arch>.embedding_length}: hidden size. */
    public long embeddingLength() {
        return getLong(architecture() + ".embedding_length");
    }

    /** {@code <arch>.feed_forward_length}: intermediate size of the MLP. */
    public long feedForwardLength() {
        return getLong(architecture() + ".feed_forward_length");
    }

    /** {@code <arch>.attention.head_count}. */
    public long headCount() {
        return getLong(architecture() + ".attention.head_count");
    }

    /** {@code <arch>.attention.head_count_kv}, defaulting to the head count as llama.cpp does. */
    public long headCountKv() {
        return findLong(architecture() + ".attention.head_count_kv").orElse(headCount());
    }

    /** {@code <arch>.context_length}. */
    public long contextLength() {
        return getLong(architecture() + ".context_length");
    }

    /** {@code <arch>.rope.freq_base}, defaulting to 10000 as llama.cpp does. */
    public double ropeFreqBase() {
        return getDouble(architecture() + ".rope.freq_base", 10000.0);
    }

    /** {@code <arch>.attention.layer_norm_rms_epsilon}. */
    public double rmsNormEpsilon() {
        return getDouble(architecture() + ".attention.layer_norm_rms_epsilon");
    }

    // ---- tokenizer ----

    /**
     * {@code tokenizer.ggml.model}: {@code gpt2} (byte-level BPE) or {@code llama} (SentencePiece).
     */
    public String tokenizerModel() {
        return getString("tokenizer.ggml.model");
    }

    /** {@code tokenizer.ggml.pre}: the pre-tokenizer name, when present. */
    public Optional<String> tokenizerPre() {
        return findString("tokenizer.ggml.pre");
    }

    /** {@code tokenizer.ggml.tokens}: the vocabulary by id. */
    public List<String> tokens() {
        return getStringList("tokenizer.ggml.tokens");
    }

    /** {@code tokenizer.ggml.scores}, when present. */
    public Optional<float[]> scores() {
        return contains("tokenizer.ggml.scores")
                ? Optional.of(getFloatArray("tokenizer.ggml.scores"))
                : Optional.empty();
    }

    /** {@code tokenizer.ggml.token_type} (1 normal, 2 unknown, 3 control, 4 user, 6 byte). */
    public Optional<long[]> tokenTypes() {
        return contains("tokenizer.ggml.token_type")
                ? Optional.of(getLongArray("tokenizer.ggml.token_type"))
                : Optional.empty();
    }

    /** {@code tokenizer.ggml.merges} ("a b" pairs), empty when absent. */
    public List<String> merges() {
        return contains("tokenizer.ggml.merges")
                ? getStringList("tokenizer.ggml.merges")
                : List.of();
    }

    /** {@code tokenizer.ggml.bos_token_id}. */
    public OptionalLong bosTokenId() {
        return findLong("tokenizer.ggml.bos_token_id");
    }

    /** {@code tokenizer.ggml.eos_token_id}. */
    public OptionalLong eosTokenId() {
        return findLong("tokenizer.ggml.eos_token_id");
    }

    private <T> T typed(String key, Object v, Class<T> type, String expected) {
        if (!type.isInstance(v)) {
            throw wrongType(key, v, expected);
        }
        return type.cast(v);
    }

    private CheckpointException missing(String key, String expected) {
        return new CheckpointException(
                file + ": metadata key '" + key + "' is absent; expected " + expected);
    }

    private CheckpointException wrongType(String key, Object v, String expected) {
        return new CheckpointException(
                file
                        + ": metadata key '"
                        + key
                        + "' holds "
                        + v.getClass().getSimpleName()
                        + "; accepted: "
                        + expected);
    }
}
