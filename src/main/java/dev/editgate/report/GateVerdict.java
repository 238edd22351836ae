package dev.editgate.report;

import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.scenario.Thresholds;
import dev.editgate.stats.Bootstrap;
import dev.editgate.stats.Interval;
import dev.editgate.stats.McNemar;
import dev.editgate.stats.Replicates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A capability's verdict with its statistics: the value's confidence interval, and for each bound a
 * one-sided p-value of "the true value lies beyond it".
 *
 * <p>What "significant damage beyond the threshold" means, per bound (v the edited model's true
 * value, b the baseline's on the same items; H0 is rejected, and the bound fails, when p &lt; 1 −
 * confidence):
 *
 * <ul>
 *   <li>{@code max_drop d}: H0: true drop ≤ d ({@code b − v ≤ d}; {@code v − b ≤ d} when lower is
 *       better);
 *   <li>{@code min_ratio_to_baseline r}: H0: {@code v ≥ r·b}; {@code max_ratio_to_baseline r}: H0:
 *       {@code v ≤ r·b};
 *   <li>{@code min m} / {@code max M}: H0: {@code v ≥ m} / {@code v ≤ M}.
 * </ul>
 *
 * Relative bounds on right/wrong items use the exact McNemar test on the flipped items with the
 * allowed damage as margin ({@link McNemar}; for a ratio the margin is {@code (1 − r)·b} or {@code
 * (r − 1)·b} at the measured baseline). Other relative bounds (F1, macro means, perplexity) use the
 * paired bootstrap: p is the share of resamples, baseline and edited model resampled together, in
 * which the bound holds. Absolute bounds use the bootstrap of the edited value alone. Without
 * {@code confidence} the point value decides, as before, and the statistics are recorded beside it.
 * A bound broken by the point value but not significantly passes, with a note.
 */
public final class GateVerdict {
    /** Coverage of the intervals when the threshold sets no {@code confidence}. */
    public static final double DEFAULT_LEVEL = 0.95;

    private GateVerdict() {}

    /**
     * @param passed whether every bound holds (or is broken only within noise)
     * @param failures one text per failed bound: the break, the value's interval, the baseline and
     *     the p-value
     * @param statistics what is recorded beside the value
     */
    public record Outcome(boolean passed, List<String> failures, VerdictStatistics statistics) {}

    /** A bound's test: its p-value and how it was computed. */
    private record Test(String name, double p, String detail) {}

    /**
     * Judges {@code score} against {@code thresholds}.
     *
     * @param baseline the unedited model's value, or null (none, or not applicable)
     * @param baselineItems the baseline's item records, or null when the cache holds none
     */
    public static Outcome judge(
            Thresholds thresholds,
            Score score,
            Double baseline,
            List<ItemRecord> baselineItems,
            Bootstrap bootstrap) {
        List<String> notes = new ArrayList<>();
        Double base = baseline == null || Double.isNaN(baseline) ? null : baseline;
        Double confidence = thresholds.confidence();
        double level = confidence != null ? confidence : DEFAULT_LEVEL;
        double alpha = 1 - level;
        double value = score.value();
        PairedItems items = PairedItems.of(score, base, baselineItems, notes);
        Replicates r = null;
        Interval ci = null;
        Interval baseCi = null;
        Interval changeCi = null;
        if (items.edited != null && !Double.isNaN(value)) {
            if (items.paired()) {
                r = bootstrap.resample(items.baseline, items.edited);
                ci = r.interval(1, level);
                baseCi = r.interval(0, level);
                changeCi = Replicates.percentile(r.combine((b, e) -> e - b), level);
            } else {
                r = bootstrap.resample(items.edited);
                ci = r.interval(0, level);
            }
        }
        List<String> failures = new ArrayList<>();
        Map<String, Double> pValues = new LinkedHashMap<>();
        Map<String, String> tests = new LinkedHashMap<>();
        if (Double.isNaN(value)) {
            failures.add("value is NaN");
        } else {
            for (Thresholds.Bound bound : thresholds.bounds(score.higherIsBetter())) {
                if (bound.relative() && base == null) {
                    continue;
                }
                double b = base == null ? Double.NaN : base;
                Test test = test(bound, b, items, r);
                if (test != null) {
                    pValues.put(bound.key(), test.p());
                    tests.put(bound.key(), test.name());
                }
                if (!bound.brokenBy(value, b)) {
                    continue;
                }
                String text =
                        bound.describeBreak(value, b)
                                + evidence(ci, base, baseCi, bound, test, confidence);
                if (confidence == null || test == null || test.p() < alpha) {
                    failures.add(text);
                    if (confidence != null && test == null) {
                        notes.add(bound.key() + ": no p-value, so the point value decides");
                    }
                } else {
                    notes.add("within noise at " + Thresholds.percent(level) + ": " + text);
                }
            }
            if (thresholds.needsBaseline() && base == null) {
                failures.add("no baseline score to compare " + Thresholds.format(value) + " with");
            }
        }
        MinItemsRule.Result power =
                MinItemsRule.apply(thresholds, score.higherIsBetter(), base, items, r, alpha);
        Map<String, Integer> flips = null;
        if (items.binaryPaired()) {
            flips = new LinkedHashMap<>();
            flips.put("right_to_wrong", items.rightToWrong);
            flips.put("wrong_to_right", items.wrongToRight);
        }
        Map<String, Long> settings = new LinkedHashMap<>();
        settings.put("replicates", (long) bootstrap.replicates());
        settings.put("seed", bootstrap.seed());
        VerdictStatistics stats =
                new VerdictStatistics(
                        items.items,
                        level,
                        VerdictStatistics.limits(ci),
                        VerdictStatistics.limits(baseCi),
                        VerdictStatistics.limits(changeCi),
                        pValues,
                        tests,
                        flips,
                        settings,
                        confidence,
                        power.needed(),
                        power.power(),
                        notes,
                        power.warnings());
        return new Outcome(failures.isEmpty(), failures, stats);
    }

    private static Test test(Thresholds.Bound bound, double base, PairedItems items, Replicates r) {
        if (items.edited == null || r == null) {
            return null;
        }
        if (!bound.relative()) {
            int s = items.paired() ? 1 : 0;
            double[] margins = r.values(s);
            for (int i = 0; i < margins.length; i++) {
                margins[i] = bound.excess(margins[i], Double.NaN);
            }
            return new Test(
                    "bootstrap",
                    Replicates.pValue(margins),
                    "bootstrap over " + items.edited.size() + " items");
        }
        if (!items.paired()) {
            return null;
        }
        if (items.binaryPaired()) {
            int bad = bound.breaksLow() ? items.rightToWrong : items.wrongToRight;
            int good = bound.breaksLow() ? items.wrongToRight : items.rightToWrong;
            double margin = bound.allowance(base);
            return new Test(
                    "exact McNemar",
                    McNemar.pValue(bad, good, items.items, margin),
                    "exact McNemar: "
                            + bad
                            + (bound.breaksLow() ? " right→wrong, " : " wrong→right, ")
                            + good
                            + (bound.breaksLow() ? " wrong→right" : " right→wrong")
                            + " of "
                            + items.items
                            + " items");
        }
        double[] margins = r.combine((b, e) -> bound.excess(e, b));
        return new Test(
                "paired bootstrap",
                Replicates.pValue(margins),
                "paired bootstrap over " + items.edited.size() + " " + unit(items));
    }

    private static String unit(PairedItems items) {
        return items.edited.describe().startsWith("perplexity") ? "documents" : "items";
    }

    /** {@code " (95% CI 0.5–0.6; p = 0.003 < 0.05, exact McNemar: ...)"}, or "" with nothing. */
    private static String evidence(
            Interval ci,
            Double base,
            Interval baseCi,
            Thresholds.Bound bound,
            Test test,
            Double confidence) {
        List<String> parts = new ArrayList<>();
        if (ci != null) {
            parts.add(
                    Thresholds.percent(ci.level())
                            + " CI "
                            + VerdictStatistics.range(VerdictStatistics.limits(ci)));
        }
        if (!bound.relative() && base != null) {
            parts.add("baseline " + Thresholds.format(base));
        }
        if (baseCi != null) {
            parts.add("baseline CI " + VerdictStatistics.range(VerdictStatistics.limits(baseCi)));
        }
        if (test != null) {
            String p = "p = " + VerdictStatistics.formatP(test.p());
            if (confidence != null) {
                double alpha = 1 - confidence;
                p += (test.p() < alpha ? " < " : " ≥ ") + Thresholds.format(alpha);
            }
            parts.add(p + ", " + test.detail());
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }
}
