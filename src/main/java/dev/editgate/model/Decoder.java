package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import dev.editgate.model.nn.LayerContext;
import dev.editgate.model.nn.Rotary;
import dev.editgate.model.weights.WeightStore;
import java.util.List;
import java.util.Set;

/**
 * One architecture family's forward pass over the weights in a {@link WeightStore}: embeddings,
 * decoder layers with their intervention sites, final norm and output head. Shared machinery
 * (masks, caching, hooks, batching) lives in {@link TransformerModel}.
 *
 * <p>Dimensions: B batch, T tokens, H hidden, V vocabulary.
 */
public abstract class Decoder {
    protected final ModelConfig config;
    protected WeightStore weights;

    protected Decoder(ModelConfig config) {
        this.config = config;
    }

    /** Creates the decoder of {@code config}'s family ({@link Family#decoder}). */
    static Decoder of(ModelConfig config, Set<String> checkpointNames) {
        return Families.of(config.family()).decoder(config, checkpointNames);
    }

    /**
     * The tensors {@code config}'s architecture reads (HF names with the {@code transformer.}
     * prefix).
     */
    public static List<TensorSpec> specsFor(ModelConfig config) {
        return of(config, Set.of()).tensorSpecs();
    }

    void bind(WeightStore store) {
        this.weights = store;
    }

    /** Every tensor this architecture reads, with its checkpoint shape. */
    public abstract List<TensorSpec> tensorSpecs();

    /** Layer {@code l}'s MLP output projection, named as this checkpoint names it. */
    public abstract MlpOutput mlpOutput(int l);

    /** Rotary embedding of this family, or null when positions are learned. */
    public abstract Rotary rotary();

    /** Rotary of sliding-window layers when it differs from {@link #rotary()}, else null. */
    public Rotary localRotary() {
        return null;
    }

    /**
     * @param ids [B, T] int64
     * @param positions [B, T] int64
     * @return [B, T, H]
     */
    public abstract NDArray embed(NDArray ids, NDArray positions);

    /** Layer {@code l}: [B, T, H] → [B, T, H]. */
    public abstract NDArray layer(int l, NDArray x, LayerContext ctx);

    /** Final norm and output head: [B, T, H] → logits [B, T, V]. */
    public abstract NDArray head(NDArray x);

    protected NDArray w(String name) {
        return weights.get(name);
    }

    /** torch {@code Linear}: weight [out, in]. */
    protected static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return bias == null
                ? Linear.linear(x, weight).singletonOrThrow()
                : Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /** [B, T, N·D] → [B, N, T, D]. */
    protected static NDArray heads(NDArray x, int n, int d) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(b, t, n, d).transpose(0, 2, 1, 3);
    }
}
