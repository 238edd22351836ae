package dev.editgate.stats;

/** The binomial distribution: exact probabilities from log-factorials, summed term by term. */
public final class Binomial {
    private static final int TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE];
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    static {
        for (int k = 1; k < TABLE; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private Binomial() {}

    /** ln k! (a table below 256, Stirling's series with four terms above). */
    static double logFactorial(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k! of a negative k: " + k);
        }
        if (k < TABLE) {
            return LOG_FACTORIAL[k];
        }
        double x = k + 1.0; // ln Γ(x)
        double x2 = x * x;
        return (x - 0.5) * Math.log(x)
                - x
                + HALF_LOG_TWO_PI
                + (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * x2)) / x2) / x2) / x;
    }

    /** P(X = k) for X ~ Binomial(n, p). */
    public static double pmf(int k, int n, double p) {
        check(n, p);
        if (k < 0 || k > n) {
            return 0;
        }
        if (p == 0) {
            return k == 0 ? 1 : 0;
        }
        if (p == 1) {
            return k == n ? 1 : 0;
        }
        double log =
                logFactorial(n)
                        - logFactorial(k)
                        - logFactorial(n - k)
                        + k * Math.log(p)
                        + (n - k) * Math.log1p(-p);
        return Math.exp(log);
    }

    /** P(X ≥ x) for X ~ Binomial(n, p), summed from the smallest term up. */
    public static double upperTail(int x, int n, double p) {
        check(n, p);
        if (x <= 0) {
            return 1;
        }
        if (x > n) {
            return 0;
        }
        double sum = 0;
        for (int k = n; k >= x; k--) {
            sum += pmf(k, n, p);
        }
        return Math.min(1, sum);
    }

    /** P(X ≤ x) for X ~ Binomial(n, p). */
    public static double lowerTail(int x, int n, double p) {
        check(n, p);
        if (x < 0) {
            return 0;
        }
        if (x >= n) {
            return 1;
        }
        double sum = 0;
        for (int k = 0; k <= x; k++) {
            sum += pmf(k, n, p);
        }
        return Math.min(1, sum);
    }

    private static void check(int n, double p) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(
                    "Binomial(n, p) needs n ≥ 0 and 0 ≤ p ≤ 1, got n=" + n + ", p=" + p);
        }
    }
}
