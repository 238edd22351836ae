package dev.editgate.engine;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.WeightStore;

/**
 * A loaded model shared by every suite of a run, with a journal of the original of every tensor
 * changed since loading ({@link WeightStore#journal}): memory grows by the tensors editors touch,
 * not by a second copy of the model (a full snapshot took Qwen2.5-Coder-1.5B from 6 to 12 GB).
 * Methods change weights through {@link WeightStore#set}; a change made any other way is not
 * journaled, and {@link #resetToPristine} then fails on the content hash rather than go on with a
 * model that is not pristine.
 */
final class PooledModel implements AutoCloseable {
    private final String key;
    private final LanguageModel model;
    private final WeightStore.Snapshot pristine;
    private final String pristineHash;

    PooledModel(String key, LanguageModel model) {
        this.key = key;
        this.model = model;
        this.pristine = model.weights().journal();
        this.pristineHash = model.weights().contentHash();
    }

    LanguageModel model() {
        return model;
    }

    /** The unedited originals of every tensor changed since loading (for parameter drift). */
    WeightStore.Snapshot pristine() {
        return pristine;
    }

    /** SHA-256 of the unedited weights: keys baselines and results. */
    String pristineHash() {
        return pristineHash;
    }

    /**
     * Puts every weight back, removes adaptors and checks the content hash.
     *
     * @throws IllegalStateException when the weights still differ from the pristine ones
     */
    void resetToPristine() {
        model.weights().restore(pristine);
        model.clearAdaptors();
        String now = model.weights().contentHash();
        if (!now.equals(pristineHash)) {
            throw new IllegalStateException(
                    "model "
                            + key
                            + ": weights differ from the pristine"
                            + " ones after restoring (content hash "
                            + now
                            + ", pristine "
                            + pristineHash
                            + "); a method changed a tensor other than through WeightStore.set, which the journal cannot undo");
        }
        if (model.adaptorCount() != 0) {
            throw new IllegalStateException(
                    "model "
                            + key
                            + ": "
                            + model.adaptorCount()
                            + " adaptors left after clearAdaptors()");
        }
    }

    @Override
    public void close() {
        try {
            pristine.close();
        } finally {
            model.close();
        }
    }
}
