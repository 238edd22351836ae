package dev.editgate.stats;

/**
 * How many items a gate needs to tell a change the size of its threshold from no change: the sample
 * size at which a one-sided test at level α (the gate's {@code 1 − confidence}) detects a true
 * change of {@code delta} with the given power. Roughly, it is also the size at which a gate asking
 * for significant damage beyond {@code delta} fails, with that power, when the true damage is twice
 * {@code delta}.
 *
 * <ul>
 *   <li>Right/wrong items (McNemar): Connor's size (Biometrics 43, 1987), {@code n = (z₁₋α·√ψ +
 *       z_power·√(ψ − δ²))² / δ²}, ψ the share of items that flip, with the continuity correction
 *       of Fleiss, Tytun and Ury (Biometrics 36, 1980), {@code n' = n/4·(1 + √(1 + 4/(n·δ)))²}. The
 *       flips are taken as at least δ (a change of δ needs that many), so with no flips observed
 *       the size is the most favourable case: every flip a loss. Without the correction the exact
 *       test falls short of the power asked (0.72-0.89 for 0.8-0.9 in {@code
 *       tools/stats/make_fixtures.py}'s enumeration); with it, it reaches 0.80-0.91.
 *   <li>Other scores: {@code n = ((z₁₋α + z_power)·σ / δ)²}, σ the standard deviation of the
 *       per-item change (for a ratio such as perplexity, √n times the bootstrap standard error).
 * </ul>
 */
public final class SampleSize {
    /** The power a gate should have to detect its own threshold. */
    public static final double DEFAULT_POWER = 0.8;

    private SampleSize() {}

    /** Connor's size for the one-sided McNemar test, continuity-corrected (class comment). */
    public static int mcnemar(double delta, double flipShare, double alpha, double power) {
        check(delta, alpha, power);
        double psi = Math.max(flipShare, delta);
        double root =
                Normal.quantile(1 - alpha) * Math.sqrt(psi)
                        + Normal.quantile(power) * Math.sqrt(Math.max(0, psi - delta * delta));
        double n = root * root / (delta * delta);
        double corrected = n / 4 * Math.pow(1 + Math.sqrt(1 + 4 / (n * delta)), 2);
        return (int) Math.ceil(corrected - 1e-9);
    }

    /**
     * The power of the one-sided McNemar test at {@code items}, by the same approximation: the
     * corrected size inverted, {@code n = (N − 1/δ)² / N}, into Connor's power.
     */
    public static double mcnemarPower(int items, double delta, double flipShare, double alpha) {
        check(delta, alpha, 0.5);
        double psi = Math.max(flipShare, delta);
        double effective = Math.pow(Math.max(0, items - 1 / delta), 2) / items;
        double signal = delta * Math.sqrt(effective) - Normal.quantile(1 - alpha) * Math.sqrt(psi);
        double spread = Math.sqrt(Math.max(0, psi - delta * delta));
        if (spread == 0) {
            return signal > 0 ? 1 : 0;
        }
        return Normal.cdf(signal / spread);
    }

    /** Items needed when the per-item change has standard deviation {@code sd}. */
    public static int normal(double delta, double sd, double alpha, double power) {
        check(delta, alpha, power);
        double root = (Normal.quantile(1 - alpha) + Normal.quantile(power)) * sd / delta;
        return Math.max(1, (int) Math.ceil(root * root - 1e-9));
    }

    /** The power at {@code items} when the per-item change has standard deviation {@code sd}. */
    public static double normalPower(int items, double delta, double sd, double alpha) {
        check(delta, alpha, 0.5);
        if (sd == 0) {
            return 1;
        }
        return Normal.cdf(delta * Math.sqrt(items) / sd - Normal.quantile(1 - alpha));
    }

    private static void check(double delta, double alpha, double power) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("the change to detect must be positive: " + delta);
        }
        if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
            throw new IllegalArgumentException(
                    "level and power must lie in (0, 1): " + alpha + ", " + power);
        }
    }
}
