package dev.editgate.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Keys and values of past tokens for incremental decoding, one pair per layer, [B, K, S, D], plus
 * which past columns are padding. Arrays live in the manager given at creation.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private float[][] keyMask = null; // (B, S)
    private final boolean[] borrowed; // layer's arrays belong to the cache this one continues

    public KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.borrowed = new boolean[layers];
    }

    /**
     * A cache that starts where this one ends and leaves it untouched: its passes append to this
     * cache's keys and values without closing or replacing them, so a frozen prefix serves many
     * passes (an editor's value optimisation). Its own arrays live in a sub-manager of {@code
     * parent}.
     */
    public KvCache continuing(NDManager parent) {
        KvCache view = new KvCache(parent, keys.length);
        for (int l = 0; l < keys.length; l++) {
            view.keys[l] = keys[l];
            view.values[l] = values[l];
            view.borrowed[l] = keys[l] != null;
        }
        if (keyMask != null) {
            view.keyMask = new float[keyMask.length][];
            for (int b = 0; b < keyMask.length; b++) {
                view.keyMask[b] = keyMask[b].clone();
            }
        }
        return view;
    }

    /** Past length S (0 before the first pass). */
    public int length() {
        return keyMask == null ? 0 : keyMask[0].length;
    }

    /** Key mask of past + new columns: appends {@code newMask} [B][T]. */
    public float[][] extendMask(float[][] newMask) {
        if (keyMask == null) {
            return newMask;
        }
        float[][] out = new float[newMask.length][];
        for (int b = 0; b < newMask.length; b++) {
            out[b] = Arrays.copyOf(keyMask[b], keyMask[b].length + newMask[b].length);
            System.arraycopy(newMask[b], 0, out[b], keyMask[b].length, newMask[b].length);
        }
        return out;
    }

    /** Records the mask after a pass (the value returned by {@link #extendMask}). */
    public void commitMask(float[][] mask) {
        this.keyMask = mask;
    }

    /** Appends this pass's keys/values for {@code layer} and returns the full ones. */
    public NDArray[] append(int layer, NDArray k, NDArray v) {
        NDArray fullK = keys[layer] == null ? k : keys[layer].concat(k, 2);
        NDArray fullV = values[layer] == null ? v : values[layer].concat(v, 2);
        if (keys[layer] != null && !borrowed[layer]) {
            keys[layer].close();
            values[layer].close();
        }
        fullK.attach(manager);
        fullV.attach(manager);
        ai.djl.ndarray.NDScope.unregister(fullK, fullV);
        keys[layer] = fullK;
        values[layer] = fullV;
        borrowed[layer] = false;
        return new NDArray[] {fullK, fullV};
    }

    /**
     * Turns a cache of one sequence into {@code rows} identical ones (a prompt prefix shared by a
     * batch, computed once).
     */
    public void repeatRows(int rows) {
        if (keyMask == null || keyMask.length != 1) {
            throw new IllegalStateException("repeatRows needs a filled cache of one row");
        }
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] == null) {
                continue;
            }
            NDArray k = keys[l].repeat(0, rows);
            NDArray v = values[l].repeat(0, rows);
            k.attach(manager);
            v.attach(manager);
            ai.djl.ndarray.NDScope.unregister(k, v);
            keys[l].close();
            values[l].close();
            keys[l] = k;
            values[l] = v;
        }
        float[][] mask = new float[rows][];
        for (int i = 0; i < rows; i++) {
            mask[i] = keyMask[0].clone();
        }
        keyMask = mask;
    }

    /**
     * A new cache in {@code parent} holding {@code rows} copies of this one-row cache's keys,
     * values and mask; this cache is left as it was (a prefix computed once and continued by many
     * batches, see {@code model.PrefixCache}).
     */
    public KvCache copyRows(NDManager parent, int rows) {
        if (keyMask == null || keyMask.length != 1) {
            throw new IllegalStateException("copyRows needs a filled cache of one row");
        }
        KvCache out = new KvCache(parent, keys.length);
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] == null) {
                continue;
            }
            NDArray k = rows == 1 ? keys[l].duplicate() : keys[l].repeat(0, rows);
            NDArray v = rows == 1 ? values[l].duplicate() : values[l].repeat(0, rows);
            k.attach(out.manager);
            v.attach(out.manager);
            ai.djl.ndarray.NDScope.unregister(k, v);
            out.keys[l] = k;
            out.values[l] = v;
        }
        float[][] mask = new float[rows][];
        for (int i = 0; i < rows; i++) {
            mask[i] = keyMask[0].clone();
        }
        out.keyMask = mask;
        return out;
    }

    /** Bytes held by the keys and values of every layer. */
    public long bytes() {
        long n = 0;
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] != null) {
                n += keys[l].size() * keys[l].getDataType().getNumOfBytes();
                n += values[l].size() * values[l].getDataType().getNumOfBytes();
            }
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
