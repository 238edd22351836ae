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
        boolean bias = type.equals("qwen2") || bool("attention_bias", false);
        return new ModelConfig(
                type,
                ModelFamily.LLAMA,
                integer("vocab_size"),
                hidden,
                integer("intermediate_size"),
                integer("num_hidden_layers"),
                heads,
                kv,
                headDim,
                integer("max_position_embeddings", 2048),
                number("rms_norm_eps", 1e-6),
                number("rope_theta", 10000.0),
                headDim,
                ropeScaling(),
                text("hidden_act", "silu"),
                bool("tie_word_embeddings", false),
                bias,
                false,
                integer("bos_token_id", -1),
                firstInteger("eos_token_id"),
                integer("pad_token_id", -1),
                SLIDING_NONE,
                List.of(),
                0,
                0,
                0);
    }

    private static final int SLIDING_NONE = 0;

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
        return new ModelConfig(
                c.modelType(),
                c.family(),
                c.vocabSize(),
                c.hiddenSize(),
                c.intermediateSize(),
                c.numLayers(),
                c.numHeads(),
                c.numKvHeads(),
                c.headDim(),
                c.maxPositions(),
                c.normEps(),
                c.ropeTheta(),
                c.rotaryDim(),
                c.ropeScaling(),
                c.activation(),
                c.tieWordEmbeddings(),
                c.attentionBias(),
                c.parallelResidual(),
                c.bosTokenId(),
                c.eosTokenId(),
                c.padTokenId(),
                window,
                layers,
                scale,
                c.ropeLocalTheta(),
                c.finalLogitSoftcap());
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
        return new ModelConfig(
                type,
                ModelFamily.GEMMA3,
                integer("vocab_size"),
                hidden,
                integer("intermediate_size"),
                layers,
                heads,
                integer("num_key_value_heads", heads),
                headDim,
                integer("max_position_embeddings", 32768),
                number("rms_norm_eps", 1e-6),
                number("rope_theta", 1_000_000.0),
                headDim,
                ropeScaling(),
                text("hidden_activation", text("hidden_act", "gelu_pytorch_tanh")),
                bool("tie_word_embeddings", true),
                bool("attention_bias", false),
                false,
                integer("bos_token_id", -1),
                firstInteger("eos_token_id"),
                integer("pad_token_id", -1),
                integer("sliding_window", 4096),
                List.copyOf(sliding),
                Math.pow(number("query_pre_attn_scalar", headDim), -0.5),
                number("rope_local_base_freq", 10000.0),
                number("final_logit_softcapping", 0));
    }

    private ModelConfig gpt2(String type) {
        int hidden = integer("n_embd");
        int heads = integer("n_head");
        return new ModelConfig(
                type,
                ModelFamily.GPT2,
                integer("vocab_size"),
                hidden,
                integer("n_inner", 4 * hidden),
                integer("n_layer"),
                heads,
                heads,
                hidden / heads,
                integer("n_positions", 1024),
                number("layer_norm_epsilon", 1e-5),
                0,
                0,
                null,
                text("activation_function", "gelu_new"),
                bool("tie_word_embeddings", true),
                true,
                false,
                integer("bos_token_id", -1),
                firstInteger("eos_token_id"),
                integer("pad_token_id", -1),
                SLIDING_NONE,
                List.of(),
                0,
                0,
                0);
    }

    private ModelConfig gptj(String type) {
        int hidden = integer("n_embd");
        int heads = integer("n_head");
        int headDim = hidden / heads;
        return new ModelConfig(
                type,
                ModelFamily.GPTJ,
                integer("vocab_size"),
                hidden,
                integer("n_inner", 4 * hidden),
                integer("n_layer"),
                heads,
                heads,
                headDim,
                integer("n_positions", 2048),
                number("layer_norm_epsilon", 1e-5),
                10000.0,
                integer("rotary_dim", headDim),
                null,
                text("activation_function", "gelu_new"),
                bool("tie_word_embeddings", false),
                false,
                true,
                integer("bos_token_id", -1),
                firstInteger("eos_token_id"),
                integer("pad_token_id", -1),
                SLIDING_NONE,
                List.of(),
                0,
                0,
                0);
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
        return new ModelConfig(
                type,
                ModelFamily.GPT_NEOX,
                integer("vocab_size"),
                hidden,
                integer("intermediate_size", 4 * hidden),
                integer("num_hidden_layers"),
                heads,
                heads,
                headDim,
                integer("max_position_embeddings", 2048),
                number("layer_norm_eps", 1e-5),
                number("rotary_emb_base", number("rope_theta", 10000.0)),
                (int) (headDim * pct),
                ropeScaling(),
                text("hidden_act", "gelu"),
                bool("tie_word_embeddings", false),
                bool("attention_bias", true),
                bool("use_parallel_residual", true),
                integer("bos_token_id", -1),
                firstInteger("eos_token_id"),
                integer("pad_token_id", -1),
                SLIDING_NONE,
                List.of(),
                0,
                0,
                0);
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
