package dev.editgate.bench;

import dev.editgate.model.LanguageModel;

/** A capability measured on a model: loads its items once, scores a model any number of times. */
public interface Benchmark {

    /**
     * Benchmark name as written in suites ({@code mmlu}, {@code perplexity}, {@code
     * edit-reliability}).
     */
    String name();

    /** Scores {@code model} as it is now. */
    Score evaluate(LanguageModel model, EvalContext context);

    /**
     * Whether this benchmark scores only the latest batch of edits ({@link
     * EvalContext#latestEdits()}: an edit metric of scope {@code individual}). A suite with {@code
     * edits.individual: after-each-edit} then scores it right after every batch and reports the
     * mean over every edit so far at a checkpoint, instead of calling it at the checkpoint.
     */
    default boolean scoresLatestEdits() {
        return false;
    }
}
