package dev.editgate.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The architecture of a model, read from a Hugging Face {@code config.json} and normalised across
 * families (GPT-2's {@code n_embd} and LLaMA's {@code hidden_size} both land in {@link
 * #hiddenSize}).
 *
 * @param modelType {@code model_type} as written in the file
 * @param rotaryDim leading dimensions of each head that rotary embeddings turn (0: learned absolute
 *     positions, as GPT-2)
 * @param ropeScaling null, or the {@code rope_scaling} block (only {@code llama3} and {@code
 *     linear} are implemented; others are rejected at load)
 * @param attentionBias q/k/v projections carry biases (Qwen2, GPT-NeoX, GPT-2)
 * @param parallelResidual GPT-J and GPT-NeoX ({@code use_parallel_residual}) run attention and MLP
 *     on the same input
 * @param slidingWindow keys a query may see in sliding-window layers (0: no sliding window)
 * @param slidingLayers which layers use the sliding window (Mistral: all; Gemma 3: its {@code
 *     layer_types})
 * @param attentionScale multiplier of q·k (1/sqrt(head size); Gemma 3: {@code
 *     query_pre_attn_scalar}^-1/2)
 * @param ropeLocalTheta rotary base of sliding layers (Gemma 3's {@code rope_local_base_freq})
 * @param finalLogitSoftcap 0, or c in {@code c·tanh(logits/c)}
 */
public record ModelConfig(
        String modelType,
        ModelFamily family,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int maxPositions,
        double normEps,
        double ropeTheta,
        int rotaryDim,
        RopeScaling ropeScaling,
        String activation,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean parallelResidual,
        int bosTokenId,
        int eosTokenId,
        int padTokenId,
        int slidingWindow,
        List<Boolean> slidingLayers,
        double attentionScale,
        double ropeLocalTheta,
        double finalLogitSoftcap) {

    /** {@code rope_scaling}: type, factor and the llama3 frequency band parameters. */
    public record RopeScaling(
            String type,
            double factor,
            double lowFreqFactor,
            double highFreqFactor,
            int originalMaxPositions) {}

    /** Reads {@code config.json} in {@code modelDir}. */
    public static ModelConfig load(Path modelDir) {
        Path file = modelDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(
                    modelDir
                            + ": no config.json; expected a Hugging Face model folder "
                            + "(config.json, tokenizer.json, model.safetensors or model.safetensors.index.json)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelLoadException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    /** Parses a config tree; {@code source} names the file in errors. */
    public static ModelConfig parse(JsonNode root, String source) {
        return new ModelConfigParser(root, source).parse();
    }

    /** Whether layer {@code l} attends over a sliding window. */
    public boolean isSliding(int l) {
        return slidingWindow > 0 && slidingLayers.get(l);
    }

    /** Total parameters of the transformer blocks and embeddings (for FLOP estimates). */
    public long parameterEstimate() {
        long h = hiddenSize;
        long attn = h * headDim * (numHeads + 2L * numKvHeads) + (long) numHeads * headDim * h;
        long mlpMats = family == ModelFamily.LLAMA || family == ModelFamily.GEMMA3 ? 3 : 2;
        long mlp = mlpMats * h * intermediateSize;
        long emb = (long) vocabSize * h * (tieWordEmbeddings ? 1 : 2);
        return numLayers * (attn + mlp) + emb;
    }
}
