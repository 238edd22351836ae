package dev.editgate.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a capability's score must satisfy (the {@code assert} block). Every bound is optional; a
 * score passes when it satisfies all that are set.
 *
 * <ul>
 *   <li>{@code min}, {@code max}: absolute bounds on the value;
 *   <li>{@code min_ratio_to_baseline}, {@code max_ratio_to_baseline}: bounds on value / baseline
 *       (baseline = the score of the unedited model);
 *   <li>{@code max_drop}: how far the value may move in the bad direction from the baseline ({@code
 *       baseline - value} when higher is better, {@code value - baseline} when lower is better);
 *   <li>{@code confidence} (e.g. 0.95): a bound then fails only when the value lies beyond it
 *       <em>and</em> the one-sided test of "the true value lies beyond it" is significant at that
 *       level (p &lt; 1 − confidence); a value beyond a bound but within noise passes with a note.
 *       For a relative bound the null hypothesis is that the true change stays within it (for
 *       {@code max_drop d}: true drop ≤ d; for {@code min_ratio_to_baseline r}: true value ≥ r ×
 *       baseline); for an absolute bound, that the true value lies on its allowed side. Without
 *       {@code confidence} the point value decides, as before;
 *   <li>{@code min_items}: the sanity rule that warns when the gate has too few items to detect its
 *       own threshold: {@code auto} (default: the size computed from the threshold, see {@code
 *       dev.editgate.stats.SampleSize}), a fixed number of items, or {@code off}.
 * </ul>
 *
 * @param confidence the significance asked before a bound fails, or null for point verdicts
 * @param minItems null: {@code auto}; 0: {@code off}; otherwise the fixed minimum number of items
 */
public record Thresholds(
        Double min,
        Double max,
        Double minRatioToBaseline,
        Double maxRatioToBaseline,
        Double maxDrop,
        Double confidence,
        Integer minItems) {

    /** The YAML keys of the {@code assert} block. */
    public static final List<String> KEYS =
            List.of(
                    "min",
                    "max",
                    "min_ratio_to_baseline",
                    "max_ratio_to_baseline",
                    "max_drop",
                    "confidence",
                    "min_items");

    /** The keys that are bounds (all but {@code confidence} and {@code min_items}). */
    public static final List<String> BOUND_KEYS = KEYS.subList(0, 5);

    /** {@link #minItems} value of {@code min_items: off}. */
    public static final int MIN_ITEMS_OFF = 0;

    /** Values within this distance of a bound lie on it (0.75 − 0.05 is not 0.7 in binary). */
    public static final double TIE = 1e-9;

    /** Bounds only: point verdicts, {@code min_items: auto}. */
    public Thresholds(
            Double min,
            Double max,
            Double minRatioToBaseline,
            Double maxRatioToBaseline,
            Double maxDrop) {
        this(min, max, minRatioToBaseline, maxRatioToBaseline, maxDrop, null, null);
    }

    /** No bound at all: every score passes. */
    public static Thresholds none() {
        return new Thresholds(null, null, null, null, null);
    }

    /** Whether any bound refers to the baseline. */
    public boolean needsBaseline() {
        return minRatioToBaseline != null || maxRatioToBaseline != null || maxDrop != null;
    }

    /**
     * One bound of the block, with its direction resolved.
     *
     * @param key its YAML key
     * @param limit the number written in the suite
     * @param relative whether it refers to the baseline
     * @param breaksLow whether values below it break it (else values above)
     */
    public record Bound(String key, double limit, boolean relative, boolean breaksLow) {

        /** The value at which the bound lies for {@code baseline} (ignored if absolute). */
        public double at(double baseline) {
            return switch (key) {
                case "min_ratio_to_baseline", "max_ratio_to_baseline" -> limit * baseline;
                case "max_drop" -> breaksLow ? baseline - limit : baseline + limit;
                default -> limit;
            };
        }

        /**
         * How far from {@code baseline} the bound lies in its bad direction: the damage it allows
         * ({@code d} for {@code max_drop d}, {@code (1 − r)·b} for {@code min_ratio_to_baseline r},
         * {@code b − m} for {@code min m}); negative when the baseline already breaks it.
         */
        public double allowance(double baseline) {
            return switch (key) {
                case "max_drop" -> limit;
                case "min_ratio_to_baseline" -> (1 - limit) * baseline;
                case "max_ratio_to_baseline" -> (limit - 1) * baseline;
                case "min" -> baseline - limit;
                default -> limit - baseline;
            };
        }

        /** How far {@code value} lies beyond the bound: positive when broken. */
        public double excess(double value, double baseline) {
            double bound = at(baseline);
            return breaksLow ? bound - value : value - bound;
        }

        /** Whether {@code value} breaks the bound (by more than {@link #TIE}). */
        public boolean brokenBy(double value, double baseline) {
            return excess(value, baseline) > TIE;
        }

        /** The break as text: {@code 0.31 < 0.9 × baseline 0.46}. */
        public String describeBreak(double value, double baseline) {
            String v = format(value);
            String b = format(baseline);
            return switch (key) {
                case "min" -> v + " < min " + format(limit);
                case "max" -> v + " > max " + format(limit);
                case "min_ratio_to_baseline" -> v + " < " + format(limit) + " × baseline " + b;
                case "max_ratio_to_baseline" -> v + " > " + format(limit) + " × baseline " + b;
                default ->
                        "drop "
                                + format(breaksLow ? baseline - value : value - baseline)
                                + " from baseline "
                                + b
                                + " to "
                                + v
                                + " > max_drop "
                                + format(limit);
            };
        }
    }

    /** The bounds that are set, in {@link #KEYS} order. */
    public List<Bound> bounds(boolean higherIsBetter) {
        List<Bound> out = new ArrayList<>();
        if (min != null) {
            out.add(new Bound("min", min, false, true));
        }
        if (max != null) {
            out.add(new Bound("max", max, false, false));
        }
        if (minRatioToBaseline != null) {
            out.add(new Bound("min_ratio_to_baseline", minRatioToBaseline, true, true));
        }
        if (maxRatioToBaseline != null) {
            out.add(new Bound("max_ratio_to_baseline", maxRatioToBaseline, true, false));
        }
        if (maxDrop != null) {
            out.add(new Bound("max_drop", maxDrop, true, higherIsBetter));
        }
        return out;
    }

    /**
     * The bounds {@code value} breaks, each as {@code "0.31 < 0.9 × baseline 0.46"}; empty when it
     * passes. Point values only: {@link #confidence} is not applied here.
     *
     * @param baseline the unedited model's score, or null when unknown (bounds needing it fail)
     */
    public List<String> violations(double value, Double baseline, boolean higherIsBetter) {
        List<String> out = new ArrayList<>();
        if (Double.isNaN(value)) {
            out.add("value is NaN");
            return out;
        }
        boolean noBaseline = baseline == null || Double.isNaN(baseline);
        for (Bound bound : bounds(higherIsBetter)) {
            if (bound.relative() && noBaseline) {
                continue;
            }
            double b = noBaseline ? Double.NaN : baseline;
            if (bound.brokenBy(value, b)) {
                out.add(bound.describeBreak(value, b));
            }
        }
        if (needsBaseline() && noBaseline) {
            out.add("no baseline score to compare " + format(value) + " with");
        }
        return out;
    }

    /** The bounds and settings that are set, by YAML key (for reports). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        putIfSet(m, "min", min);
        putIfSet(m, "max", max);
        putIfSet(m, "min_ratio_to_baseline", minRatioToBaseline);
        putIfSet(m, "max_ratio_to_baseline", maxRatioToBaseline);
        putIfSet(m, "max_drop", maxDrop);
        putIfSet(m, "confidence", confidence);
        putIfSet(m, "min_items", minItems == null ? null : minItems.doubleValue());
        return m;
    }

    /**
     * The bounds as absolute values for a given baseline: {@code [lower, upper]}, either null when
     * unbounded on that side (for charts).
     */
    public Double[] absoluteBounds(Double baseline, boolean higherIsBetter) {
        Double lower = null;
        Double upper = null;
        for (Bound bound : bounds(higherIsBetter)) {
            if (bound.relative() && baseline == null) {
                continue;
            }
            double at = bound.at(baseline == null ? Double.NaN : baseline);
            if (bound.breaksLow()) {
                lower = lower == null ? at : Math.max(lower, at);
            } else {
                upper = upper == null ? at : Math.min(upper, at);
            }
        }
        return new Double[] {lower, upper};
    }

    /** A short human description, e.g. {@code ≥ 0.9 × baseline, at 95% confidence}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (min != null) {
            parts.add("≥ " + format(min));
        }
        if (max != null) {
            parts.add("≤ " + format(max));
        }
        if (minRatioToBaseline != null) {
            parts.add("≥ " + format(minRatioToBaseline) + " × baseline");
        }
        if (maxRatioToBaseline != null) {
            parts.add("≤ " + format(maxRatioToBaseline) + " × baseline");
        }
        if (maxDrop != null) {
            parts.add("drop ≤ " + format(maxDrop));
        }
        if (parts.isEmpty()) {
            return "recorded";
        }
        String text = String.join(", ", parts);
        return confidence == null ? text : text + ", at " + percent(confidence) + " confidence";
    }

    /** {@code 0.95} as {@code 95%}, {@code 0.975} as {@code 97.5%}. */
    public static String percent(double level) {
        return format(level * 100) + "%";
    }

    /** Four significant digits, no trailing zeros: {@code 0.3142}, {@code 12.5}, {@code 1e+03}. */
    public static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static void putIfSet(Map<String, Double> m, String key, Double value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
