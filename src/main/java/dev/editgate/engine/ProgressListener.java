package dev.editgate.engine;

/**
 * Hears about long work as the engine does it (for progress bars); methods run on the engine's
 * thread and must return quickly. The science packages never see it: the engine reports around
 * their calls.
 */
public interface ProgressListener {

    /** Nobody listening. */
    ProgressListener NONE = new ProgressListener() {};

    /** The model at {@code path} is being loaded. */
    default void loadingModel(String path) {}

    /**
     * A batch of edits was applied.
     *
     * @param scenario {@code suite/scenario}
     * @param applied edits applied so far in this scenario
     * @param target edits the current checkpoint needs
     * @param total edits of the whole stream
     */
    default void editsApplied(String scenario, int applied, int target, int total) {}

    /** A benchmark starts scoring ({@code test} is the test's display path). */
    default void scoring(String test) {}

    /**
     * {@code done} of the {@code total} items of the benchmark scoring for {@code test} are scored.
     */
    default void itemsScored(String test, int done, int total) {}

    /** A benchmark finished scoring. */
    default void scored(String test, double value, boolean passed, double seconds) {}
}
