package dev.editgate.model;

import java.util.List;
import java.util.Set;

/**
 * What one architecture family knows, kept in its own package ({@code model.llama}, {@code
 * model.gpt2}, …) and found through {@link java.util.ServiceLoader} ({@link Families}): the {@code
 * model_type}s it covers, how it reads their {@code config.json}, and its decoder, which names its
 * tensors (the MLP output projection editors rewrite included).
 */
public interface Family {

    /** The family's identity in {@link ModelConfig#family()}. */
    ModelFamily id();

    /** The {@code config.json} {@code model_type}s this family runs. */
    List<String> modelTypes();

    /**
     * Reads the family's keys of {@code json} (whose {@code model_type} is {@code modelType}, one
     * of {@link #modelTypes()}); the attention scale left 0 defaults to 1/sqrt(head size).
     */
    ModelConfig read(ConfigJson json, String modelType);

    /**
     * The forward pass of {@code config}.
     *
     * @param checkpointNames the checkpoint's tensor names (a family may name its tensors as the
     *     checkpoint does: GPT-2 with or without {@code transformer.}); empty: the canonical names
     */
    Decoder decoder(ModelConfig config, Set<String> checkpointNames);

    /** Weight matrices of one MLP block: 3 when gated (gate, up, down), else 2. */
    int mlpMatrices();
}
