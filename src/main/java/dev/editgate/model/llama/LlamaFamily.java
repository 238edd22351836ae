package dev.editgate.model.llama;

import dev.editgate.model.ConfigJson;
import dev.editgate.model.Decoder;
import dev.editgate.model.Family;
import dev.editgate.model.ModelConfig;
import dev.editgate.model.ModelFamily;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** LLaMA and the families that share its layout: Mistral (sliding window), Qwen2 (q/k/v biases). */
public final class LlamaFamily implements Family {

    @Override
    public ModelFamily id() {
        return ModelFamily.LLAMA;
    }

    @Override
    public List<String> modelTypes() {
        return List.of("llama", "mistral", "qwen2");
    }

    @Override
    public ModelConfig read(ConfigJson json, String type) {
        int hidden = json.integer("hidden_size");
        int heads = json.integer("num_attention_heads");
        int kv = json.integer("num_key_value_heads", heads);
        int headDim = json.integer("head_dim", hidden / heads);
        int layers = json.integer("num_hidden_layers");
        // Qwen2 has biases on q/k/v (always) and none on the output projection
        boolean qwen2 = type.equals("qwen2");
        if (qwen2 && json.bool("use_sliding_window", false)) {
            throw json.error("use_sliding_window true is not supported for qwen2");
        }
        boolean bias = qwen2 || json.bool("attention_bias", false);
        ModelConfig.Builder b =
                ModelConfig.builder(type, ModelFamily.LLAMA)
                        .vocabSize(json.integer("vocab_size"))
                        .hiddenSize(hidden)
                        .intermediateSize(json.integer("intermediate_size"))
                        .numLayers(layers)
                        .numHeads(heads)
                        .numKvHeads(kv)
                        .headDim(headDim)
                        .maxPositions(json.integer("max_position_embeddings", 2048))
                        .normEps(json.number("rms_norm_eps", 1e-6))
                        .ropeTheta(json.number("rope_theta", 10000.0))
                        .rotaryDim(headDim)
                        .ropeScaling(json.ropeScaling())
                        .activation(json.text("hidden_act", "silu"))
                        .tieWordEmbeddings(json.bool("tie_word_embeddings", false))
                        .attentionBias(bias)
                        .outputBias(bias && !qwen2);
        if (type.equals("mistral") && json.has("sliding_window")) {
            b.slidingWindow(json.integer("sliding_window"), Collections.nCopies(layers, true));
        }
        return json.specialTokens(b).build();
    }

    @Override
    public Decoder decoder(ModelConfig config, Set<String> checkpointNames) {
        return new LlamaDecoder(config);
    }

    @Override
    public int mlpMatrices() {
        return 3;
    }
}
