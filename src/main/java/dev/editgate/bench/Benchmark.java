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
}
