package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import dev.editgate.model.nn.KvCache;

/**
 * The columns of a batch that a change at layer {@link #layer()} or above at column {@link
 * #columns()} or later cannot reach (a causal model: no earlier position attends to a later one),
 * computed once: their keys and values at every layer from {@link #layer()} on, and the residual
 * stream entering {@link #layer()} at the columns after them. Made by {@link
 * LanguageModel#freezePrefix}, read by {@link LanguageModel#forwardAfter}; closing it frees the
 * keys and values.
 *
 * <p>Dimensions: B batch, T the batch's width, C frozen columns, H hidden.
 */
public final class FrozenPrefix implements AutoCloseable {
    private final TokenBatch batch;
    private final int layer;
    private final int columns;
    private final KvCache cache;
    private final NDArray rest; // [B, T − C, H]

    FrozenPrefix(TokenBatch batch, int layer, int columns, KvCache cache, NDArray rest) {
        this.batch = batch;
        this.layer = layer;
        this.columns = columns;
        this.cache = cache;
        this.rest = rest;
    }

    /** The batch whose first {@link #columns()} columns are frozen. */
    public TokenBatch batch() {
        return batch;
    }

    /** The first layer a later pass runs. */
    public int layer() {
        return layer;
    }

    /** C: how many leading columns are frozen; a later pass runs columns C..T−1. */
    public int columns() {
        return columns;
    }

    /** T − C: the columns a later pass runs. */
    public int width() {
        return batch.width() - columns;
    }

    KvCache cache() {
        return cache;
    }

    /** [B, T − C, H] the residual stream entering {@link #layer()} at the columns after C. */
    NDArray rest() {
        return rest;
    }

    @Override
    public void close() {
        cache.close();
        rest.close();
    }
}
