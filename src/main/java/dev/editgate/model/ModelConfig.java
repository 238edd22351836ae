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
 * @param outputBias the attention output projection carries a bias (LLaMA with {@code
 *     attention_bias}, GPT-NeoX, GPT-2; not Qwen2, whose biases are on q/k/v only)
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
        boolean outputBias,
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

    /** A builder for {@code modelType} of {@code family}, every other field zero, false or null. */
    public static Builder builder(String modelType, ModelFamily family) {
        return new Builder(modelType, family);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder(modelType, family);
        b.vocabSize = vocabSize;
        b.hiddenSize = hiddenSize;
        b.intermediateSize = intermediateSize;
        b.numLayers = numLayers;
        b.numHeads = numHeads;
        b.numKvHeads = numKvHeads;
        b.headDim = headDim;
        b.maxPositions = maxPositions;
        b.normEps = normEps;
        b.ropeTheta = ropeTheta;
        b.rotaryDim = rotaryDim;
        b.ropeScaling = ropeScaling;
        b.activation = activation;
        b.tieWordEmbeddings = tieWordEmbeddings;
        b.attentionBias = attentionBias;
        b.outputBias = outputBias;
        b.parallelResidual = parallelResidual;
        b.bosTokenId = bosTokenId;
        b.eosTokenId = eosTokenId;
        b.padTokenId = padTokenId;
        b.slidingWindow = slidingWindow;
        b.slidingLayers = slidingLayers;
        b.attentionScale = attentionScale;
        b.ropeLocalTheta = ropeLocalTheta;
        b.finalLogitSoftcap = finalLogitSoftcap;
        return b;
    }

    /** Named setters for {@link ModelConfig}'s fields (see its parameters for their meaning). */
    public static final class Builder {
        private final String modelType;
        private final ModelFamily family;
        private int vocabSize;
        private int hiddenSize;
        private int intermediateSize;
        private int numLayers;
        private int numHeads;
        private int numKvHeads;
        private int headDim;
        private int maxPositions;
        private double normEps;
        private double ropeTheta;
        private int rotaryDim;
        private RopeScaling ropeScaling;
        private String activation;
        private boolean tieWordEmbeddings;
        private boolean attentionBias;
        private boolean outputBias;
        private boolean parallelResidual;
        private int bosTokenId = -1;
        private int eosTokenId = -1;
        private int padTokenId = -1;
        private int slidingWindow;
        private List<Boolean> slidingLayers = List.of();
        private double attentionScale;
        private double ropeLocalTheta;
        private double finalLogitSoftcap;

        private Builder(String modelType, ModelFamily family) {
            this.modelType = modelType;
            this.family = family;
        }

        public Builder vocabSize(int v) {
            vocabSize = v;
            return this;
        }

        public Builder hiddenSize(int v) {
            hiddenSize = v;
            return this;
        }

        public Builder intermediateSize(int v) {
            intermediateSize = v;
            return this;
        }

        public Builder numLayers(int v) {
            numLayers = v;
            return this;
        }

        /** Query heads. */
        public Builder numHeads(int v) {
            numHeads = v;
            return this;
        }

        public Builder numKvHeads(int v) {
            numKvHeads = v;
            return this;
        }

        public Builder headDim(int v) {
            headDim = v;
            return this;
        }

        public Builder maxPositions(int v) {
            maxPositions = v;
            return this;
        }

        public Builder normEps(double v) {
            normEps = v;
            return this;
        }

        public Builder ropeTheta(double v) {
            ropeTheta = v;
            return this;
        }

        public Builder rotaryDim(int v) {
            rotaryDim = v;
            return this;
        }

        public Builder ropeScaling(RopeScaling v) {
            ropeScaling = v;
            return this;
        }

        public Builder activation(String v) {
            activation = v;
            return this;
        }

        public Builder tieWordEmbeddings(boolean v) {
            tieWordEmbeddings = v;
            return this;
        }

        /** Biases on q/k/v and on the output projection alike; {@link #outputBias} overrides. */
        public Builder attentionBias(boolean v) {
            attentionBias = v;
            outputBias = v;
            return this;
        }

        public Builder outputBias(boolean v) {
            outputBias = v;
            return this;
        }

        public Builder parallelResidual(boolean v) {
            parallelResidual = v;
            return this;
        }

        /** BOS, EOS and padding token ids (-1: none). */
        public Builder specialTokens(int bos, int eos, int pad) {
            bosTokenId = bos;
            eosTokenId = eos;
            padTokenId = pad;
            return this;
        }

        public Builder slidingWindow(int window, List<Boolean> layers) {
            slidingWindow = window;
            slidingLayers = layers;
            return this;
        }

        public Builder attentionScale(double v) {
            attentionScale = v;
            return this;
        }

        public Builder ropeLocalTheta(double v) {
            ropeLocalTheta = v;
            return this;
        }

        public Builder finalLogitSoftcap(double v) {
            finalLogitSoftcap = v;
            return this;
        }

        public ModelConfig build() {
            return new ModelConfig(
                    modelType,
                    family,
                    vocabSize,
                    hiddenSize,
                    intermediateSize,
                    numLayers,
                    numHeads,
                    numKvHeads,
                    headDim,
                    maxPositions,
                    normEps,
                    ropeTheta,
                    rotaryDim,
                    ropeScaling,
                    activation,
                    tieWordEmbeddings,
                    attentionBias,
                    outputBias,
                    parallelResidual,
                    bosTokenId,
                    eosTokenId,
                    padTokenId,
                    slidingWindow,
                    slidingLayers,
                    attentionScale,
                    ropeLocalTheta,
                    finalLogitSoftcap);
        }
    }

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
        long mlpMats = Families.of(family).mlpMatrices();
        long mlp = mlpMats * h * intermediateSize;
        long emb = (long) vocabSize * h * (tieWordEmbeddings ? 1 : 2);
        return numLayers * (attn + mlp) + emb;
    }
}
