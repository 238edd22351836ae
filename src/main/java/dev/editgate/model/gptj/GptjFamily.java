package dev.editgate.model.gptj;

import dev.editgate.model.ConfigJson;
import dev.editgate.model.Decoder;
import dev.editgate.model.Family;
import dev.editgate.model.ModelConfig;
import dev.editgate.model.ModelFamily;
import java.util.List;
import java.util.Set;

/** GPT-J: partial interleaved rotary, attention and MLP in parallel. */
public final class GptjFamily implements Family {

    @Override
    public ModelFamily id() {
        return ModelFamily.GPTJ;
    }

    @Override
    public List<String> modelTypes() {
        return List.of("gptj");
    }

    @Override
    public ModelConfig read(ConfigJson json, String type) {
        int hidden = json.integer("n_embd");
        int heads = json.integer("n_head");
        int headDim = hidden / heads;
        return json.specialTokens(
                        ModelConfig.builder(type, ModelFamily.GPTJ)
                                .vocabSize(json.integer("vocab_size"))
                                .hiddenSize(hidden)
                                .intermediateSize(json.integer("n_inner", 4 * hidden))
                                .numLayers(json.integer("n_layer"))
                                .numHeads(heads)
                                .numKvHeads(heads)
                                .headDim(headDim)
                                .maxPositions(json.integer("n_positions", 2048))
                                .normEps(json.number("layer_norm_epsilon", 1e-5))
                                .ropeTheta(10000.0)
                                .rotaryDim(json.integer("rotary_dim", headDim))
                                .activation(json.text("activation_function", "gelu_new"))
                                .tieWordEmbeddings(json.bool("tie_word_embeddings", false))
                                .parallelResidual(true))
                .build();
    }

    @Override
    public Decoder decoder(ModelConfig config, Set<String> checkpointNames) {
        return new GptjDecoder(config);
    }

    @Override
    public int mlpMatrices() {
        return 2;
    }
}
