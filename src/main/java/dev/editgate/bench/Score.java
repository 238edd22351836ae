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
 * @param aggregates other summaries of the same items, by name: {@code micro} (mean over items) and
 *     {@code group:<name>} (mean within a subject, task or language) where {@code value} is the
 *     macro mean over groups, as OpenCompass' summarizers report MMLU, BBH and TyDiQA; empty
 *     otherwise
 */
public record Score(
        String metric,
        double value,
        boolean higherIsBetter,
        List<ItemRecord> items,
        Map<String, Double> aggregates) {
    public Score {
        items = List.copyOf(items);
        aggregates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aggregates));
    }

    /** A score that is the plain mean (or another single figure) of its items. */
    public Score(String metric, double value, boolean higherIsBetter, List<ItemRecord> items) {
        this(metric, value, higherIsBetter, items, Map.of());
    }

    /**
     * The macro mean over the items' groups of their item scores ({@link ItemRecord#score()}), with
     * the micro mean and each group's mean in {@link #aggregates()}; a plain mean when no item has
     * a group.
     */
    public static Score macroOverGroups(String metric, List<ItemRecord> items) {
        Map<String, double[]> groups = new LinkedHashMap<>();
        double sum = 0;
        for (ItemRecord r : items) {
            sum += r.score();
            if (r.group() != null) {
                double[] g = groups.computeIfAbsent(r.group(), k -> new double[2]);
                g[0] += r.score();
                g[1]++;
            }
        }
        double micro = items.isEmpty() ? 0 : sum / items.size();
        if (groups.isEmpty()) {
            return new Score(metric, micro, true, items);
        }
        Map<String, Double> agg = new LinkedHashMap<>();
        agg.put("micro", micro);
        double macro = 0;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            agg.put("group:" + e.getKey(), mean);
            macro += mean;
        }
        return new Score(metric, macro / groups.size(), true, items, agg);
    }
}
