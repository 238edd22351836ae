package dev.editgate.edit.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Second-moment matrices by layer ([I, I] each) and what they were computed from.
 *
 * @param matrices layer → C = E[k kᵀ]
 * @param provenance documents and tokens actually used
 * @param seconds collection time (0 when every layer came from the cache)
 */
public record SecondMoments(Map<Integer, NDArray> matrices, Provenance provenance, double seconds) {

    /** The matrix of {@code layer}. */
    public NDArray of(int layer) {
        NDArray m = matrices.get(layer);
        if (m == null) {
            throw new IllegalArgumentException(
                    "no second moments for layer " + layer + "; have " + matrices.keySet());
        }
        return m;
    }

    /** The matrices as float64 copies on {@code manager}, by layer in the same order. */
    public Map<Integer, NDArray> float64(NDManager manager) {
        Map<Integer, NDArray> out = new LinkedHashMap<>();
        matrices.forEach(
                (layer, c) -> {
                    NDArray d = c.toType(DataType.FLOAT64, false);
                    d.attach(manager);
                    out.put(layer, d);
                });
        return out;
    }

    /** Keys per second of the collection (0 when read from the cache). */
    public double tokensPerSecond() {
        return seconds > 0 ? provenance.tokens() / seconds : 0;
    }
}
