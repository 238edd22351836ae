package dev.editgate.bench;

import java.util.List;

/**
 * A benchmark's result.
 *
 * @param metric what {@code value} is (accuracy, perplexity, f1, pass@1, ...)
 * @param value the score
 * @param higherIsBetter direction, for ratio thresholds and charts
 * @param items per-item records for the report
 */
public record Score(String metric, double value, boolean higherIsBetter, List<ItemRecord> items) {
    public Score {
        items = List.copyOf(items);
    }
}
