package dev.editgate.model;

import java.util.List;
import java.util.function.Predicate;

/**
 * How to generate: {@code temperature == 0} is greedy (argmax); otherwise sampling with the given
 * temperature, top-p and seed, or among the {@code topK} most likely tokens when {@code topK > 0}
 * (then {@code topP} must be 1). Generation stops at {@code maxNewTokens}, at the end-of-sequence
 * token, when the decoded continuation contains one of {@code stop} (the stop string and what
 * follows it are cut off), or when {@code until} (null: never) holds for the decoded continuation
 * (kept whole: a benchmark stops once its answer can no longer change).
 */
public record GenerationConfig(
        int maxNewTokens,
        double temperature,
        double topP,
        long seed,
        List<String> stop,
        Predicate<String> until,
        int topK) {

    public GenerationConfig(
            int maxNewTokens, double temperature, double topP, long seed, List<String> stop) {
        this(maxNewTokens, temperature, topP, seed, stop, null, 0);
    }

    public GenerationConfig(
            int maxNewTokens,
            double temperature,
            double topP,
            long seed,
            List<String> stop,
            Predicate<String> until) {
        this(maxNewTokens, temperature, topP, seed, stop, until, 0);
    }

    /**
     * Sampling at temperature 1 among the {@code k} most likely tokens, in proportion to their
     * probabilities (the reference editors' {@code generate_fast}: {@code torch.topk}, renormalise,
     * {@code torch.multinomial}), seeded.
     */
    public static GenerationConfig topK(int maxNewTokens, int k, long seed) {
        return new GenerationConfig(maxNewTokens, 1.0, 1.0, seed, List.of(), null, k);
    }

    public GenerationConfig {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, was " + maxNewTokens);
        }
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
        if (topP <= 0 || topP > 1) {
            throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, was " + topK);
        }
        if (topK > 0 && topP != 1) {
            throw new IllegalArgumentException(
                    "topK " + topK + " and topP " + topP + ": choose one (topP 1 with topK)");
        }
        stop = List.copyOf(stop);
    }

    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, 0, 1, 0, List.of());
    }

    public GenerationConfig withStop(List<String> stopStrings) {
        return new GenerationConfig(
                maxNewTokens, temperature, topP, seed, stopStrings, until, topK);
    }

    /** Stops a row once {@code condition} holds for its decoded continuation. */
    public GenerationConfig withUntil(Predicate<String> condition) {
        return new GenerationConfig(maxNewTokens, temperature, topP, seed, stop, condition, topK);
    }

    public boolean greedy() {
        return temperature == 0;
    }
}
