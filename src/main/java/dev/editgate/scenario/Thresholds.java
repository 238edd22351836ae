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
 *       baseline - value} when higher is better, {@code value - baseline} when lower is better).
 * </ul>
 */
public record Thresholds(
        Double min,
        Double max,
        Double minRatioToBaseline,
        Double maxRatioToBaseline,
        Double maxDrop) {

    /** The YAML keys of the {@code assert} block. */
    public static final List<String> KEYS =
            List.of("min", "max", "min_ratio_to_baseline", "max_ratio_to_baseline", "max_drop");

    /** No bound at all: every score passes. */
    public static Thresholds none() {
        return new Thresholds(null, null, null, null, null);
    }

    /** Whether any bound refers to the baseline. */
    public boolean needsBaseline() {
        return minRatioToBaseline != null || maxRatioToBaseline != null || maxDrop != null;
    }

    /**
     * The bounds {@code value} breaks, each as {@code "0.31 < 0.9 × baseline 0.46"}; empty when it
     * passes.
     *
     * @param baseline the unedited model's score, or null when unknown (bounds needing it fail)
     */
    public List<String> violations(double value, Double baseline, boolean higherIsBetter) {
        List<String> out = new ArrayList<>();
        String v = format(value);
        if (Double.isNaN(value)) {
            out.add("value is NaN");
            return out;
        }
        if (min != null && value < min) {
            out.add(v + " < min " + format(min));
        }
        if (max != null && value > max) {
            out.add(v + " > max " + format(max));
        }
        if (!needsBaseline()) {
            return out;
        }
        if (baseline == null || Double.isNaN(baseline)) {
            out.add("no baseline score to compare " + v + " with");
            return out;
        }
        String b = format(baseline);
        if (minRatioToBaseline != null && value < minRatioToBaseline * baseline) {
            out.add(v + " < " + format(minRatioToBaseline) + " × baseline " + b);
        }
        if (maxRatioToBaseline != null && value > maxRatioToBaseline * baseline) {
            out.add(v + " > " + format(maxRatioToBaseline) + " × baseline " + b);
        }
        if (maxDrop != null) {
            double drop = higherIsBetter ? baseline - value : value - baseline;
            if (drop > maxDrop) {
                out.add(
                        "drop "
                                + format(drop)
                                + " from baseline "
                                + b
                                + " to "
                                + v
                                + " > max_drop "
                                + format(maxDrop));
            }
        }
        return out;
    }

    /** The bounds that are set, by YAML key (for reports). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        putIfSet(m, "min", min);
        putIfSet(m, "max", max);
        putIfSet(m, "min_ratio_to_baseline", minRatioToBaseline);
        putIfSet(m, "max_ratio_to_baseline", maxRatioToBaseline);
        putIfSet(m, "max_drop", maxDrop);
        return m;
    }

    /**
     * The bounds as absolute values for a given baseline: {@code [lower, upper]}, either null when
     * unbounded on that side (for charts).
     */
    public Double[] absoluteBounds(Double baseline, boolean higherIsBetter) {
        Double lower = min;
        Double upper = max;
        if (baseline != null) {
            if (minRatioToBaseline != null) {
                lower = maxOf(lower, minRatioToBaseline * baseline);
            }
            if (maxRatioToBaseline != null) {
                upper = minOf(upper, maxRatioToBaseline * baseline);
            }
            if (maxDrop != null) {
                if (higherIsBetter) {
                    lower = maxOf(lower, baseline - maxDrop);
                } else {
                    upper = minOf(upper, baseline + maxDrop);
                }
            }
        }
        return new Double[] {lower, upper};
    }

    /** A short human description, e.g. {@code ≥ 0.9 × baseline}. */
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
        return parts.isEmpty() ? "recorded" : String.join(", ", parts);
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

    private static Double maxOf(Double a, double b) {
        return a == null ? b : Math.max(a, b);
    }

    private static Double minOf(Double a, double b) {
        return a == null ? b : Math.min(a, b);
    }
}
