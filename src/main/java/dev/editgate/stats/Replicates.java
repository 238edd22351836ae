package dev.editgate.stats;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/** Bootstrap replicates of one or more paired samples' values, and what is read from them. */
public final class Replicates {
    /** Margins this close to 0 are on the bound, not beyond it. */
    public static final double TIE = 1e-9;

    private final double[][] values; // [sample][replicate]

    Replicates(double[][] values) {
        this.values = values;
    }

    /** Number of replicates. */
    public int count() {
        return values[0].length;
    }

    /** The replicated values of sample {@code s} (in the order given to the bootstrap). */
    public double[] values(int s) {
        return values[s].clone();
    }

    /** Replicates of {@code f(sample 0, sample 1)}, e.g. the change {@code (b, e) -> e - b}. */
    public double[] combine(DoubleBinaryOperator f) {
        double[] out = new double[count()];
        for (int b = 0; b < out.length; b++) {
            out[b] = f.applyAsDouble(values[0][b], values[1][b]);
        }
        return out;
    }

    /** The percentile interval of sample {@code s} at {@code level}. */
    public Interval interval(int s, double level) {
        return percentile(values[s], level);
    }

    /**
     * The percentile interval of {@code draws}: their {@code (1 − level)/2} and {@code (1 +
     * level)/2} quantiles, interpolated linearly between order statistics (numpy's default).
     */
    public static Interval percentile(double[] draws, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1): " + level);
        }
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        return new Interval(
                quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), level);
    }

    /**
     * The one-sided bootstrap p-value of "the margin is positive": the share of replicates in which
     * it is not, {@code (1 + #{margin* ≤ 0}) / (B + 1)}. It is below α exactly when the lower
     * one-sided (1 − α) percentile bound of the margin lies above 0.
     *
     * @param margins replicates of a quantity that is positive when a bound is broken (e.g. {@code
     *     drop − max_drop})
     */
    public static double pValue(double[] margins) {
        int notBeyond = 0;
        for (double m : margins) {
            if (!(m > TIE)) {
                notBeyond++;
            }
        }
        return (1.0 + notBeyond) / (margins.length + 1.0);
    }

    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
