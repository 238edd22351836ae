package dev.editgate.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.editgate.stats.Interval;
import java.util.List;
import java.util.Map;

/**
 * What the statistics of one measurement say: the {@code statistics} object of a {@code
 * results.jsonl} line. Intervals are {@code [lower, upper]}, two-sided at {@code level}.
 *
 * @param items items (documents) the value was computed from
 * @param level coverage of the intervals: the threshold's {@code confidence}, else 0.95
 * @param ci the value's percentile bootstrap interval; null with fewer than 2 items
 * @param baselineCi the baseline's interval on the same resamples; null when not paired
 * @param changeCi the interval of value − baseline, paired over items; null when not paired
 * @param pValues by threshold key: the one-sided p-value of "the true value lies beyond it"
 * @param tests by threshold key: {@code exact McNemar}, {@code paired bootstrap} or {@code
 *     bootstrap}
 * @param flips for right/wrong items paired with the baseline: {@code right_to_wrong}, {@code
 *     wrong_to_right}
 * @param bootstrap {@code replicates} and {@code seed}
 * @param confidence the threshold's {@code confidence}, or null (point verdict)
 * @param minItems the items the gate needs to detect its own threshold (the {@code min_items}
 *     rule), or null when not computed
 * @param power the power to detect it at {@code items}, or null
 * @param notes what the reader should know (a change within noise, no paired items, ...)
 * @param warnings the {@code min_items} rule's warnings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerdictStatistics(
        @JsonProperty("items") int items,
        @JsonProperty("level") double level,
        @JsonProperty("ci") List<Double> ci,
        @JsonProperty("baseline_ci") List<Double> baselineCi,
        @JsonProperty("change_ci") List<Double> changeCi,
        @JsonProperty("p_values") Map<String, Double> pValues,
        @JsonProperty("tests") Map<String, String> tests,
        @JsonProperty("flips") Map<String, Integer> flips,
        @JsonProperty("bootstrap") Map<String, Long> bootstrap,
        @JsonProperty("confidence") Double confidence,
        @JsonProperty("min_items") Integer minItems,
        @JsonProperty("power") Double power,
        @JsonProperty("notes") List<String> notes,
        @JsonProperty("warnings") List<String> warnings) {

    public VerdictStatistics {
        pValues = pValues == null ? Map.of() : pValues;
        tests = tests == null ? Map.of() : tests;
        notes = notes == null ? List.of() : List.copyOf(notes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** {@code [lower, upper]} of an interval, or null. */
    static List<Double> limits(Interval i) {
        return i == null ? null : List.of(i.lower(), i.upper());
    }

    /** {@code 0.5–0.6}, or null when {@code limits} is null. */
    public static String range(List<Double> limits) {
        if (limits == null) {
            return null;
        }
        return dev.editgate.scenario.Thresholds.format(limits.get(0))
                + "–"
                + dev.editgate.scenario.Thresholds.format(limits.get(1));
    }

    /** A p-value in two significant digits: {@code 0.031}, {@code 4.7e-17}. */
    public static String formatP(double p) {
        if (p < 1e-4) {
            return String.format(java.util.Locale.ROOT, "%.1e", p);
        }
        return new java.math.BigDecimal(p)
                .round(new java.math.MathContext(2))
                .stripTrailingZeros()
                .toPlainString();
    }
}
