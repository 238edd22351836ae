package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one forward pass should do at named {@link Site}s: capture activations, add a vector at
 * chosen token positions, replace them, or run an arbitrary {@link ActivationHook}.
 *
 * <p>Hooks at the same site run in the order they were added (after the model's adaptors); a
 * capture records the activation as it leaves the site, after every hook there. Vectors passed to
 * {@link #add} may require gradients: the sum is part of the pass, so an editor can optimise them
 * (ROME's value vector).
 */
public final class Interventions {
    private static final Interventions NONE = new Interventions();

    private final Map<Site, List<ActivationHook>> hooks = new LinkedHashMap<>();
    private final Set<Site> captures = new LinkedHashSet<>();
    private int stopAfter = Integer.MAX_VALUE;

    public static Interventions none() {
        return NONE;
    }

    public static Interventions create() {
        return new Interventions();
    }

    /** Records the activation at {@code site} ([B, T, W]) in {@link ForwardResult#captured}. */
    public Interventions capture(Site site) {
        checkMutable();
        captures.add(site);
        return this;
    }

    /**
     * Ends the pass after layer {@code layer}: the layers above it and the output head do not run,
     * and {@link ForwardResult#logits()} is null. For passes that only capture activations (second
     * moments of MLP keys), where everything above the last captured layer is wasted work.
     */
    public Interventions stopAfter(int layer) {
        checkMutable();
        if (layer < 0) {
            throw new IllegalArgumentException("stopAfter layer " + layer + " must be >= 0");
        }
        stopAfter = layer;
        return this;
    }

    /** The last layer a pass runs ({@link Integer#MAX_VALUE}: all, then the head). */
    public int lastLayer() {
        return stopAfter;
    }

    /**
     * Adds {@code delta} ([D]) to the activation at {@code site} at one column per row: {@code
     * columns[b]} is a padded column of row b (see {@link TokenBatch#column}), or -1 for none.
     */
    public Interventions add(Site site, int[] columns, NDArray delta) {
        return hook(site, (s, a, batch) -> a.add(maskAt(a, columns).mul(delta)));
    }

    /**
     * Replaces the activation at {@code site} by {@code value} ([D]) at one column per row (-1:
     * none).
     */
    public Interventions replace(Site site, int[] columns, NDArray value) {
        return hook(
                site,
                (s, a, batch) -> {
                    NDArray m = maskAt(a, columns); // (B, T, 1)
                    return a.mul(m.neg().add(1)).add(m.mul(value));
                });
    }

    /** Runs {@code hook} at {@code site}. */
    public Interventions hook(Site site, ActivationHook hook) {
        checkMutable();
        hooks.computeIfAbsent(site, k -> new ArrayList<>()).add(hook);
        return this;
    }

    public boolean isEmpty() {
        return hooks.isEmpty() && captures.isEmpty() && stopAfter == Integer.MAX_VALUE;
    }

    /** Hooks for {@code site}, in order; empty when none. */
    public List<ActivationHook> hooksAt(Site site) {
        return hooks.getOrDefault(site, Collections.emptyList());
    }

    public boolean captures(Site site) {
        return captures.contains(site);
    }

    public Set<Site> sites() {
        return hooks.keySet();
    }

    /** Sites whose activations are captured. */
    public Set<Site> captured() {
        return java.util.Collections.unmodifiableSet(captures);
    }

    /** A (B, T, 1) array with 1 at (b, columns[b]) and 0 elsewhere. */
    static NDArray maskAt(NDArray activation, int[] columns) {
        long batch = activation.getShape().get(0);
        long width = activation.getShape().get(1);
        if (columns.length != batch) {
            throw new IllegalArgumentException(
                    "intervention has " + columns.length + " columns for a batch of " + batch);
        }
        float[] mask = new float[(int) (batch * width)];
        for (int b = 0; b < batch; b++) {
            if (columns[b] >= width) {
                throw new IndexOutOfBoundsException(
                        "column " + columns[b] + " beyond width " + width);
            }
            if (columns[b] >= 0) {
                mask[(int) (b * width + columns[b])] = 1f;
            }
        }
        return dev.editgate.model.nn.HostArrays.of(
                        activation.getManager(),
                        mask,
                        new ai.djl.ndarray.types.Shape(batch, width, 1))
                .toType(activation.getDataType(), false);
    }

    private void checkMutable() {
        if (this == NONE) {
            throw new IllegalStateException("Interventions.none() cannot be changed; use create()");
        }
    }
}
