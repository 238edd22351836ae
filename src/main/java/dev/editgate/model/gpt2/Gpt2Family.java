package dev.editgate.model.gpt2;

import dev.editgate.model.ConfigJson;
import dev.editgate.model.Decoder;
import dev.editgate.model.Family;
import dev.editgate.model.ModelConfig;
import dev.editgate.model.ModelFamily;
import java.util.List;
import java.util.Set;

/** GPT-2: learned positions, Conv1D weights, biases everywhere. */
public final class Gpt2Family implements Family {

    @Override
    public ModelFamily id() {
        return ModelFamily.GPT2;
    }

    @Override
    public List<String> modelTypes() {
        return List.of("gpt2");
    }

    @Override
    public ModelConfig read(ConfigJson json, String type) {
        int hidden = json.integer("n_embd");
        int heads = json.integer("n_head");
        return json.specialTokens(
                        ModelConfig.builder(type, ModelFamily.GPT2)
                                .vocabSize(json.integer("vocab_size"))
                                .hiddenSize(hidden)
                                .intermediateSize(json.integer("n_inner", 4 * hidden))
                                .numLayers(json.integer("n_layer"))
                                .numHeads(heads)
                                .numKvHeads(heads)
                                .headDim(hidden / heads)
                                .maxPositions(json.integer("n_positions", 1024))
                                .normEps(json.number("layer_norm_epsilon", 1e-5))
                                .activation(json.text("activation_function", "gelu_new"))
                                .tieWordEmbeddings(json.bool("tie_word_embeddings", true))
                                .attentionBias(true))
                .build();
    }

    /** Names its tensors as the checkpoint does: with or without {@code transformer.}. */
    @Override
    public Decoder decoder(ModelConfig config, Set<String> checkpointNames) {
        return new Gpt2Decoder(config, checkpointNames);
    }

    @Override
    public int mlpMatrices() {
        return 2;
    }
}
