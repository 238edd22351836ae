package dev.editgate.model.gemma3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.model.ConfigJson;
import dev.editgate.model.Decoder;
import dev.editgate.model.Family;
import dev.editgate.model.ModelConfig;
import dev.editgate.model.ModelFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gemma 3 (text): sliding-window layers by {@code layer_types} (or the 5:1 pattern), their own
 * rotary base, q/k norms, a scaled embedding and an optional final logit soft cap.
 */
public final class Gemma3Family implements Family {

    @Override
    public ModelFamily id() {
        return ModelFamily.GEMMA3;
    }

    @Override
    public List<String> modelTypes() {
        return List.of("gemma3_text");
    }

    @Override
    public ModelConfig read(ConfigJson json, String type) {
        int heads = json.integer("num_attention_heads");
        int headDim = json.integer("head_dim", 256);
        int layers = json.integer("num_hidden_layers");
        List<Boolean> sliding = new ArrayList<>();
        JsonNode types = json.get("layer_types");
        if (types != null && types.isArray()) {
            if (types.size() != layers) {
                throw json.error(
                        "layer_types has " + types.size() + " entries for " + layers + " layers");
            }
            for (JsonNode t : types) {
                String v = t.asText();
                if (!v.equals("sliding_attention") && !v.equals("full_attention")) {
                    throw json.error(
                            "layer_types entry \""
                                    + v
                                    + "\"; accepted: sliding_attention, full_attention");
                }
                sliding.add(v.equals("sliding_attention"));
            }
        } else {
            int pattern =
                    json.integer(
                            "sliding_window_pattern", json.integer("_sliding_window_pattern", 6));
            for (int l = 0; l < layers; l++) {
                sliding.add((l + 1) % pattern != 0);
            }
        }
        if (json.has("attn_logit_softcapping")) {
            throw json.error("attn_logit_softcapping is not supported (Gemma 3 has none)");
        }
        return json.specialTokens(
                        ModelConfig.builder(type, ModelFamily.GEMMA3)
                                .vocabSize(json.integer("vocab_size"))
                                .hiddenSize(json.integer("hidden_size"))
                                .intermediateSize(json.integer("intermediate_size"))
                                .numLayers(layers)
                                .numHeads(heads)
                                .numKvHeads(json.integer("num_key_value_heads", heads))
                                .headDim(headDim)
                                .maxPositions(json.integer("max_position_embeddings", 32768))
                                .normEps(json.number("rms_norm_eps", 1e-6))
                                .ropeTheta(json.number("rope_theta", 1_000_000.0))
                                .rotaryDim(headDim)
                                .ropeScaling(json.ropeScaling())
                                .activation(
                                        json.text(
                                                "hidden_activation",
                                                json.text("hidden_act", "gelu_pytorch_tanh")))
                                .tieWordEmbeddings(json.bool("tie_word_embeddings", true))
                                .attentionBias(json.bool("attention_bias", false)))
                .slidingWindow(json.integer("sliding_window", 4096), List.copyOf(sliding))
                .attentionScale(Math.pow(json.number("query_pre_attn_scalar", headDim), -0.5))
                .ropeLocalTheta(json.number("rope_local_base_freq", 10000.0))
                .finalLogitSoftcap(json.number("final_logit_softcapping", 0))
                .build();
    }

    @Override
    public Decoder decoder(ModelConfig config, Set<String> checkpointNames) {
        return new Gemma3Decoder(config);
    }

    @Override
    public int mlpMatrices() {
        return 3;
    }
}
