package dev.editgate.model.neox;

import dev.editgate.model.ConfigJson;
import dev.editgate.model.Decoder;
import dev.editgate.model.Family;
import dev.editgate.model.ModelConfig;
import dev.editgate.model.ModelFamily;
import java.util.List;
import java.util.Set;

/** GPT-NeoX (Pythia): fused q/k/v, partial rotary, parallel residual by default. */
public final class NeoxFamily implements Family {

    @Override
    public ModelFamily id() {
        return ModelFamily.GPT_NEOX;
    }

    @Override
    public List<String> modelTypes() {
        return List.of("gpt_neox");
    }

    @Override
    public ModelConfig read(ConfigJson json, String type) {
        int hidden = json.integer("hidden_size");
        int heads = json.integer("num_attention_heads");
        int headDim = hidden / heads;
        double pct =
                json.number(
                        "rotary_pct",
                        json.get("partial_rotary_factor") != null
                                ? json.number("partial_rotary_factor", 1)
                                : 0.25);
        return json.specialTokens(
                        ModelConfig.builder(type, ModelFamily.GPT_NEOX)
                                .vocabSize(json.integer("vocab_size"))
                                .hiddenSize(hidden)
                                .intermediateSize(json.integer("intermediate_size", 4 * hidden))
                                .numLayers(json.integer("num_hidden_layers"))
                                .numHeads(heads)
                                .numKvHeads(heads)
                                .headDim(headDim)
                                .maxPositions(json.integer("max_position_embeddings", 2048))
                                .normEps(json.number("layer_norm_eps", 1e-5))
                                .ropeTheta(
                                        json.number(
                                                "rotary_emb_base",
                                                json.number("rope_theta", 10000.0)))
                                .rotaryDim((int) (headDim * pct))
                                .ropeScaling(json.ropeScaling())
                                .activation(json.text("hidden_act", "gelu"))
                                .tieWordEmbeddings(json.bool("tie_word_embeddings", false))
                                .attentionBias(json.bool("attention_bias", true))
                                .parallelResidual(json.bool("use_parallel_residual", true)))
                .build();
    }

    @Override
    public Decoder decoder(ModelConfig config, Set<String> checkpointNames) {
        return new NeoxDecoder(config);
    }

    @Override
    public int mlpMatrices() {
        return 2;
    }
}
