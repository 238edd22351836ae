package dev.editgate.bench;

import java.util.List;

/**
 * A benchmark's result.
 *
 * @param metric what {@code value} is (accuracy, perplexity, f1, pass@1, ...)
 * @param value the score
 * @param higherIsBetter direction, for ratio thresholds and charts
 * @param items per-item records for the report
 * @param aggregation how {@code value} follows from the items, so that confidence intervals can
 *     resample them and score each resample the same way
 */
public record Score(
        String metric,
        double value,
        boolean higherIsBetter,
        List<ItemRecord> items,
        Aggregation aggregation) {

    /** How a benchmark's value is computed from its item records. */
    public enum Aggregation {
        /** The mean of the items' {@link ItemRecord#score() scores}. */
        MEAN,
        /** The mean over {@link ItemRecord#group() groups} of each group's mean score. */
        MACRO_MEAN,
        /**
         * {@code exp(Σ nll / Σ tokens)} over the items (documents), from their {@link
         * ItemRecord#nll()} and {@link ItemRecord#tokens()}.
         */
        PERPLEXITY
    }

    public Score {
        items = List.copyOf(items);
        if (aggregation == null) {
            throw new IllegalArgumentException("a score needs its aggregation");
        }
    }

    /** A score that is the mean of its items' scores. */
    public Score(String metric, double value, boolean higherIsBetter, List<ItemRecord> items) {
        this(metric, value, higherIsBetter, items, Aggregation.MEAN);
    }
}
