package dev.editgate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The mean over the items' groups of their mean scores ({@link Aggregation#MACRO_MEAN}), as
     * OpenCompass' summarizers report MMLU, BBH and TyDiQA; a plain {@link Aggregation#MEAN} when
     * no item has a group.
     */
    public static Score macroOverGroups(String metric, List<ItemRecord> items) {
        Score plain = new Score(metric, 0, true, items);
        Map<String, Double> groups = plain.groupMeans();
        if (groups.isEmpty()) {
            return new Score(metric, plain.micro(), true, items);
        }
        double macro = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Score(metric, macro / groups.size(), true, items, Aggregation.MACRO_MEAN);
    }

    /** The mean of the items' scores (the micro mean, whatever {@code value} is); 0 when none. */
    public double micro() {
        return items.stream().mapToDouble(ItemRecord::score).average().orElse(0);
    }

    /** Each group's mean item score, in order of first appearance; empty without groups. */
    public Map<String, Double> groupMeans() {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (ItemRecord r : items) {
            if (r.group() != null) {
                double[] g = sums.computeIfAbsent(r.group(), k -> new double[2]);
                g[0] += r.score();
                g[1]++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, v[0] / v[1]));
        return out;
    }
}
