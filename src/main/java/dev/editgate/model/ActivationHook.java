package dev.editgate.model;

import ai.djl.ndarray.NDArray;

/**
 * Sees (and may change) the activation at a {@link Site} during a forward pass.
 *
 * <p>Shapes: B batch rows, T padded sequence length, D the site's width. Returning the argument
 * unchanged leaves the forward pass as it was; the returned array replaces the activation for the
 * rest of the pass and must have the same shape. Hooks run inside the pass, so gradients flow
 * through whatever they compute.
 */
@FunctionalInterface
public interface ActivationHook {

    /**
     * @param site where the activation was taken
     * @param activation [B, T, W]
     * @param batch the batch being run (padding, positions of each row's tokens)
     * @return [B, T, W] the activation to continue with
     */
    NDArray apply(Site site, NDArray activation, TokenBatch batch);
}
