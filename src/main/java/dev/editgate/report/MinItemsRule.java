package dev.editgate.report;

import dev.editgate.scenario.Thresholds;
import dev.editgate.stats.Replicates;
import dev.editgate.stats.SampleSize;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code min_items} sanity rule: warns when a gate has too few items to tell a change the size
 * of its own threshold from no change (power below {@link SampleSize#DEFAULT_POWER} for a one-sided
 * test at level α = 1 − confidence, 0.05 without one), and names the items it would need.
 *
 * <p>The assumed effect is a true change of exactly the distance from the baseline to the bound
 * ({@code d} for {@code max_drop d}, {@code (1 − r)·b} for a ratio {@code r}, {@code b − m} for an
 * absolute {@code min m}). The noise is what this measurement shows: for relative bounds on
 * right/wrong items the share of items that flipped (at least the change itself: with no flips the
 * best case, every flip a loss), through Connor's continuity-corrected size; for other relative
 * bounds the spread of the per-item change from the paired bootstrap; for absolute bounds the
 * spread of the value itself. Bounds without a baseline are not checked.
 */
final class MinItemsRule {
    private MinItemsRule() {}

    /**
     * @param needed the most items any bound needs, or null when none was computed
     * @param power the power of that bound at the items scored, or null
     */
    record Result(Integer needed, Double power, List<String> warnings) {}

    static Result apply(
            Thresholds t,
            boolean higherIsBetter,
            Double base,
            PairedItems items,
            Replicates r,
            double alpha) {
        List<String> warnings = new ArrayList<>();
        int n = items.items;
        Integer fixed = t.minItems();
        if (fixed != null) {
            if (fixed != Thresholds.MIN_ITEMS_OFF && n < fixed) {
                warnings.add("min_items " + fixed + " asked, " + n + " items scored");
            }
            return new Result(fixed == Thresholds.MIN_ITEMS_OFF ? null : fixed, null, warnings);
        }
        if (base == null || items.edited == null) {
            return new Result(null, null, warnings);
        }
        Integer needed = null;
        Double power = null;
        String worst = null;
        for (Thresholds.Bound bound : t.bounds(higherIsBetter)) {
            double delta = bound.allowance(base);
            if (!(delta > Thresholds.TIE)) {
                continue; // the bound lies at or beyond the baseline: nothing to detect
            }
            int need;
            double pw;
            String assumed;
            if (bound.relative() && items.edited.binary()) {
                double flips =
                        items.paired() ? (items.rightToWrong + items.wrongToRight) / (double) n : 0;
                need = SampleSize.mcnemar(delta, flips, alpha, SampleSize.DEFAULT_POWER);
                pw = SampleSize.mcnemarPower(n, delta, flips, alpha);
                assumed =
                        flips > delta
                                ? Thresholds.format(flips) + " of items flipping, as here"
                                : "every flipped item a loss, the best case";
            } else if (r != null && (items.paired() || !bound.relative())) {
                double[] draws =
                        bound.relative()
                                ? r.combine((b, e) -> e - b)
                                : r.values(items.paired() ? 1 : 0);
                double sd = Math.sqrt(n) * standardDeviation(draws);
                need = SampleSize.normal(delta, sd, alpha, SampleSize.DEFAULT_POWER);
                pw = SampleSize.normalPower(n, delta, sd, alpha);
                assumed = "per-item spread " + Thresholds.format(sd) + ", as here";
            } else {
                continue;
            }
            if (needed == null || need > needed) {
                needed = need;
                power = pw;
                worst =
                        bound.key()
                                + " "
                                + Thresholds.format(bound.limit())
                                + " needs "
                                + need
                                + " items to detect a true change of "
                                + Thresholds.format(delta)
                                + " with "
                                + Thresholds.percent(SampleSize.DEFAULT_POWER)
                                + " power at α = "
                                + Thresholds.format(alpha)
                                + " ("
                                + assumed
                                + "); "
                                + n
                                + " scored, power "
                                + Thresholds.format(Math.round(pw * 100) / 100.0);
            }
        }
        if (needed != null && n < needed) {
            warnings.add("too few items: " + worst);
        }
        return new Result(needed, power, warnings);
    }

    private static double standardDeviation(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
