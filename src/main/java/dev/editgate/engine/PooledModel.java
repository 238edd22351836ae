package dev.editgate.engine;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.WeightStore;

/**
 * A loaded model shared by every suite of a run, with a snapshot of all its weights taken right
 * after loading (memory: twice the weights; fine for the small models this runs on a CPU, and the
 * simplest restore that is always exact whatever a method touched).
 */
final class PooledModel implements AutoCloseable {
    private final String key;
    private final LanguageModel model;
    private final WeightStore.Snapshot pristine;
    private final String pristineHash;

    PooledModel(String key, LanguageModel model) {
        this.key = key;
        this.model = model;
        this.pristine = model.weights().snapshot(model.weights().names());
        this.pristineHash = model.weights().contentHash();
    }

    LanguageModel model() {
        return model;
    }

    /** The unedited weights (for parameter drift). */
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
            throw new IllegalStateException("model " + key + ": weights differ from the pristine"
                    + " ones after restoring (content hash " + now + ", pristine " + pristineHash
                    + "); a method changed a tensor in a way the snapshot cannot undo");
        }
        if (model.adaptorCount() != 0) {
            throw new IllegalStateException("model " + key + ": " + model.adaptorCount()
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
