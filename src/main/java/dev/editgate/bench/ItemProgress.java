package dev.editgate.bench;

/** Hears how many of a benchmark's items are scored so far (for progress bars). */
@FunctionalInterface
public interface ItemProgress {

    /** Nobody listening. */
    ItemProgress NONE = (done, total) -> {};

    /**
     * {@code done} of {@code total} items are scored; called on the scoring thread, must be quick.
     */
    void scored(int done, int total);
}
