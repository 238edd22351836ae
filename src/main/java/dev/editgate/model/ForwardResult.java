package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The outcome of one forward pass.
 *
 * @param logits [B, T, V] next-token logits at every column (padding columns hold garbage); null
 *     when the pass stopped early ({@link Interventions#stopAfter})
 * @param captured [B, T, W] activations captured at the requested sites
 */
public record ForwardResult(NDArray logits, Map<Site, NDArray> captured) {

    public NDArray captured(Site site) {
        NDArray a = captured.get(site);
        if (a == null) {
            throw new IllegalArgumentException(
                    "site " + site + " was not captured; captured: " + captured.keySet());
        }
        return a;
    }
}
