package dev.editgate.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads each family's {@code config.json} keys into a {@link ModelConfig}. */
final class ModelConfigParser {
    private final JsonNode root;
    private final String source;

    ModelConfigParser(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    ModelConfig parse() {
        String type = text("model_type", null);
        if (type == null) {
            throw new ModelLoadException(
                    source + ": no \"model_type\"; supported: " + ModelFamily.supported());
        }
        ModelFamily family = ModelFamily.forModelType(type);
        if (family == null) {
            throw new ModelLoadException(
                    source
                            + ": model_type \""
                            + type
                            + "\" is not supported; supported: "
                            + ModelFamily.supported());
        }
        ModelConfig c =
                switch (family) {
                    case LLAMA -> llama(type);
                    case GPT2 -> gpt2(type);
                    case GPTJ -> gptj(type);
                    case GPT_NEOX -> neox(type);
                    case GEMMA3 -> gemma3(type);
                };
        c = withDefaults(c);
        validate(c);
        return c;
    }

    private ModelConfig llama(String type) {
        int hidden = integer("hidden_size");
        int heads = integer("num_attention_heads");
        int kv = integer("num_key_value_heads", heads);
        int headDim = integer("head_dim", hidden / heads);
        // Qwen2 has biases on q/k/v (always) and none on the output projection
        boolean qwen2 = type.equals("qwen2");
        boolean bias = qwen2 || bool("attention_bias", false);
        return ModelConfig.builder(type, ModelFamily.LLAMA)
                .vocabSize(integer("vocab_size"))
                .hiddenSize(hidden)
                .intermediateSize(integer("intermediate_size"))
                .numLayers(integer("num_hidden_layers"))
                .numHeads(heads)
                .numKvHeads(kv)
                .headDim(headDim)
                .maxPositions(integer("max_position_embeddings", 2048))
                .normEps(number("rms_norm_eps", 1e-6))
                .ropeTheta(number("rope_theta", 10000.0))
                .rotaryDim(headDim)
                .ropeScaling(ropeScaling())
                .activation(text("hidden_act", "silu"))
                .tieWordEmbeddings(bool("tie_word_embeddings", false))
                .attentionBias(bias)
                .outputBias(bias && !qwen2)
                .specialTokens(
                        integer("bos_token_id", -1),
                        firstInteger("eos_token_id"),
                        integer("pad_token_id", -1))
                .build();
    }

    /** Fills attention scale (1/sqrt(D)) and Mistral's all-layer sliding window where unset. */
    private ModelConfig withDefaults(ModelConfig c) {
        double scale = c.attentionScale() > 0 ? c.attentionScale() : 1.0 / Math.sqrt(c.headDim());
        int window = c.slidingWindow();
        List<Boolean> layers = c.slidingLayers();
        if (c.modelType().equals("mistral") && root.hasNonNull("sliding_window")) {
            window = integer("sliding_window");
            layers = java.util.Collections.nCopies(c.numLayers(), true);
        }
        if (c.modelType().equals("qwen2") && bool("use_sliding_window", false)) {
            throw new ModelLoadException(
                    source + ": use_sliding_window true is not supported for qwen2");
        }
        return c.toBuilder().slidingWindow(window, layers).attentionScale(scale).build();
    }

    private ModelConfig gemma3(String type) {
        int hidden = integer("hidden_size");
        int heads = integer("num_attention_heads");
        int headDim = integer("head_dim", 256);
        int layers = integer("num_hidden_layers");
        List<Boolean> sliding = new java.util.ArrayList<>();
        JsonNode types = root.get("layer_types");
        if (types != null && types.isArray()) {
            if (types.size() != layers) {
                throw new ModelLoadException(
                        source
                                + ": layer_types has "
                                + types.size()
                                + " entries for "
                                + layers
                                + " layers");
            }
            for (JsonNode t : types) {
                String v = t.asText();
                if (!v.equals("sliding_attention") && !v.equals("full_attention")) {
                    throw new ModelLoadException(
                            source
                                    + ": layer_types entry \""
                                    + v
                                    + "\"; accepted: sliding_attention, full_attention");
                }
                sliding.add(v.equals("sliding_attention"));
            }
        } else {
            int pattern = integer("sliding_window_pattern", integer("_sliding_window_pattern", 6));
            for (int l = 0; l < layers; l++) {
                sliding.add((l + 1) % pattern != 0);
            }
        }
        if (root.hasNonNull("attn_logit_softcapping")) {
            throw new ModelLoadException(
                    source + ": attn_logit_softcapping is not supported (Gemma 3 has none)");
        }
        return ModelConfig.builder(type, ModelFamily.GEMMA3)
                .vocabSize(integer("vocab_size"))
                .hiddenSize(hidden)
                .intermediateSize(integer("intermediate_size"))
                .numLayers(layers)
                .numHeads(heads)
                .numKvHeads(integer("num_key_value_heads", heads))
                .headDim(headDim)
                .maxPositions(integer("max_position_embeddings", 32768))
                .normEps(number("rms_norm_eps", 1e-6))
                .ropeTheta(number("rope_theta", 1_000_000.0))
                .rotaryDim(headDim)
                .ropeScaling(ropeScaling())
                .activation(text("hidden_activation", text("hidden_act", "gelu_pytorch_tanh")))
                .tieWordEmbeddings(bool("tie_word_embeddings", true))
                .attentionBias(bool("attention_bias", false))
                .specialTokens(
                        integer("bos_token_id", -1),
                        firstInteger("eos_token_id"),
                        integer("pad_token_id", -1))
                .slidingWindow(integer("sliding_window", 4096), List.copyOf(sliding))
                .attentionScale(Math.pow(number("query_pre_attn_scalar", headDim), -0.5))
                .ropeLocalTheta(number("rope_local_base_freq", 10000.0))
                .finalLogitSoftcap(number("final_logit_softcapping", 0))
                .build();
    }

    private ModelConfig gpt2(String type) {
        int hidden = integer("n_embd");
        int heads = integer("n_head");
        return ModelConfig.builder(type, ModelFamily.GPT2)
                .vocabSize(integer("vocab_size"))
                .hiddenSize(hidden)
                .intermediateSize(integer("n_inner", 4 * hidden))
                .numLayers(integer("n_layer"))
                .numHeads(heads)
                .numKvHeads(heads)
                .headDim(hidden / heads)
                .maxPositions(integer("n_positions", 1024))
                .normEps(number("layer_norm_epsilon", 1e-5))
                .activation(text("activation_function", "gelu_new"))
                .tieWordEmbeddings(bool("tie_word_embeddings", true))
                .attentionBias(true)
                .specialTokens(
                        integer("bos_token_id", -1),
                        firstInteger("eos_token_id"),
                        integer("pad_token_id", -1))
                .build();
    }

    private ModelConfig gptj(String type) {
        int hidden = integer("n_embd");
        int heads = integer("n_head");
        int headDim = hidden / heads;
        return ModelConfig.builder(type, ModelFamily.GPTJ)
                .vocabSize(integer("vocab_size"))
                .hiddenSize(hidden)
                .intermediateSize(integer("n_inner", 4 * hidden))
                .numLayers(integer("n_layer"))
                .numHeads(heads)
                .numKvHeads(heads)
                .headDim(headDim)
                .maxPositions(integer("n_positions", 2048))
                .normEps(number("layer_norm_epsilon", 1e-5))
                .ropeTheta(10000.0)
                .rotaryDim(integer("rotary_dim", headDim))
                .activation(text("activation_function", "gelu_new"))
                .tieWordEmbeddings(bool("tie_word_embeddings", false))
                .parallelResidual(true)
                .specialTokens(
                        integer("bos_token_id", -1),
                        firstInteger("eos_token_id"),
                        integer("pad_token_id", -1))
                .build();
    }

    private ModelConfig neox(String type) {
        int hidden = integer("hidden_size");
        int heads = integer("num_attention_heads");
        int headDim = hidden / heads;
        double pct =
                number(
                        "rotary_pct",
                        root.has("partial_rotary_factor")
                                ? number("partial_rotary_factor", 1)
                                : 0.25);
        return ModelConfig.builder(type, ModelFamily.GPT_NEOX)
                .vocabSize(integer("vocab_size"))
                .hiddenSize(hidden)
                .intermediateSize(integer("intermediate_size", 4 * hidden))
                .numLayers(integer("num_hidden_layers"))
                .numHeads(heads)
                .numKvHeads(heads)
                .headDim(headDim)
                .maxPositions(integer("max_position_embeddings", 2048))
                .normEps(number("layer_norm_eps", 1e-5))
                .ropeTheta(number("rotary_emb_base", number("rope_theta", 10000.0)))
                .rotaryDim((int) (headDim * pct))
                .ropeScaling(ropeScaling())
                .activation(text("hidden_act", "gelu"))
                .tieWordEmbeddings(bool("tie_word_embeddings", false))
                .attentionBias(bool("attention_bias", true))
                .parallelResidual(bool("use_parallel_residual", true))
                .specialTokens(
                        integer("bos_token_id", -1),
                        firstInteger("eos_token_id"),
                        integer("pad_token_id", -1))
                .build();
    }

    private ModelConfig.RopeScaling ropeScaling() {
        JsonNode rs = root.get("rope_scaling");
        if (rs == null || rs.isNull()) {
            return null;
        }
        String type =
                rs.has("rope_type") ? rs.get("rope_type").asText() : rs.path("type").asText("");
        if (!type.equals("llama3") && !type.equals("linear") && !type.equals("default")) {
            throw new ModelLoadException(
                    source
                            + ": rope_scaling type \""
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

    private void validate(ModelConfig c) {
        positive("vocab_size", c.vocabSize());
        positive("hidden size", c.hiddenSize());
        positive("intermediate size", c.intermediateSize());
        positive("layers", c.numLayers());
        positive("attention heads", c.numHeads());
        positive("key/value heads", c.numKvHeads());
        if (c.numHeads() % c.numKvHeads() != 0) {
            throw new ModelLoadException(
                    source
                            + ": num_attention_heads "
                            + c.numHeads()
                            + " is not a multiple of num_key_value_heads "
                            + c.numKvHeads());
        }
        if (c.rotaryDim() % 2 != 0 || c.rotaryDim() > c.headDim()) {
            throw new ModelLoadException(
                    source
                            + ": rotary dimension "
                            + c.rotaryDim()
                            + " must be even and at most the head size "
                            + c.headDim());
        }
        String act = c.activation();
        if (!act.equals("silu")
                && !act.equals("gelu")
                && !act.equals("gelu_new")
                && !act.equals("gelu_pytorch_tanh")
                && !act.equals("relu")
                && !act.equals("gelu_fast")) {
            throw new ModelLoadException(
                    source
                            + ": activation \""
                            + act
                            + "\" is not supported; supported: silu, gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu");
        }
    }

    private void positive(String what, int v) {
        if (v <= 0) {
            throw new ModelLoadException(source + ": " + what + " must be positive, was " + v);
        }
    }

    private int integer(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new ModelLoadException(source + ": missing \"" + key + "\"");
        }
        if (!n.canConvertToInt()) {
            throw new ModelLoadException(source + ": \"" + key + "\" must be an integer, was " + n);
        }
        return n.asInt();
    }

    private int integer(String key, int fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : integer(key);
    }

    private int firstInteger(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return -1;
        }
        return n.isArray() ? (n.isEmpty() ? -1 : n.get(0).asInt()) : n.asInt();
    }

    private double number(String key, double fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new ModelLoadException(source + ": \"" + key + "\" must be a number, was " + n);
        }
        return n.asDouble();
    }

    private boolean bool(String key, boolean fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asBoolean();
    }

    private String text(String key, String fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }
}
