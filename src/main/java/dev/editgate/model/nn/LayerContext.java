package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.editgate.model.Site;
import dev.editgate.model.SiteKind;

/**
 * What a decoder layer needs besides its input: rotary tables, the attention mask, the KV cache
 * (null when not caching) and the hook runner for intervention sites.
 *
 * @param rope cos, sin tables [B, 1, T, R] (null for learned positions)
 * @param localRope tables of sliding-window layers when their base differs (Gemma 3), else null
 * @param mask [B, 1, T, S] additive float32
 * @param slidingMask the mask of sliding-window layers, null when the model has none
 */
public record LayerContext(
        NDList rope,
        NDList localRope,
        NDArray mask,
        NDArray slidingMask,
        KvCache cache,
        SiteRunner sites) {

    /** The attention mask of layer {@code l}. */
    public NDArray maskFor(boolean sliding) {
        return sliding && slidingMask != null ? slidingMask : mask;
    }

    /** The rotary tables of a layer. */
    public NDList ropeFor(boolean sliding) {
        return sliding && localRope != null ? localRope : rope;
    }

    /** Runs the hooks registered at a site and returns the activation to continue with. */
    @FunctionalInterface
    public interface SiteRunner {
        NDArray at(Site site, NDArray activation);
    }

    /**
     * Layer {@code layer}'s attention ({@link Attention#attend}), its probabilities passed through
     * the {@code attn.probs} site ({@link SiteKind#ATTN_PROBS}) on the way.
     *
     * @return [B, T, N·D]
     */
    public NDArray attend(int layer, NDArray q, NDArray k, NDArray v, NDArray mask, double scale) {
        Site site = new Site(layer, SiteKind.ATTN_PROBS);
        return Attention.attend(q, k, v, mask, scale, p -> sites.at(site, p));
    }

    /** Keys/values to attend over: this pass's alone, or appended to the cache. */
    public NDArray[] keysValues(int layer, NDArray k, NDArray v) {
        return cache == null ? new NDArray[] {k, v} : cache.append(layer, k, v);
    }
}
