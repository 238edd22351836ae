package dev.editgate.stats;

/**
 * The standard normal distribution. The CDF comes from the regularized incomplete gamma function
 * (erfc(x) = Q(1/2, x²); series below x² = 1.5, continued fraction above, both to 1e-16); the
 * quantile from Acklam's rational approximation refined by one Halley step on that CDF.
 */
public final class Normal {
    private static final double LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;

    // Acklam's coefficients
    private static final double[] A = {
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    private static final double[] B = {
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01
    };
    private static final double[] C = {
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    private static final double[] D = {
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };

    private Normal() {}

    /** Φ(x) = P(Z ≤ x). */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double half = 0.5 * erfc(Math.abs(x) / Math.sqrt(2));
        return x >= 0 ? 1 - half : half;
    }

    /** Φ⁻¹(p): the z with P(Z ≤ z) = p, for 0 < p < 1. */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("normal quantile needs 0 < p < 1, got " + p);
        }
        double x;
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = tail(q);
        } else if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -tail(q);
        } else {
            double q = p - 0.5;
            double r = q * q;
            x =
                    (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5])
                            * q
                            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        // one Halley step; the lower tail's own CDF keeps precision for small p
        double e = x < 0 ? cdf(x) - p : (1 - p) - cdf(-x); // Φ(x) − p
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static double tail(double q) {
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }

    /** erfc(x) for x ≥ 0, as Q(1/2, x²). */
    static double erfc(double x) {
        double a = 0.5;
        double t = x * x;
        if (t < 1.5) {
            return 1 - lowerGammaSeries(a, t);
        }
        return upperGammaFraction(a, t);
    }

    /** P(a, x) by its series. */
    private static double lowerGammaSeries(double a, double x) {
        if (x == 0) {
            return 0;
        }
        double ap = a;
        double sum = 1 / a;
        double del = sum;
        for (int n = 0; n < 1000; n++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - LOG_SQRT_PI);
    }

    /** Q(a, x) by Lentz's continued fraction. */
    private static double upperGammaFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 1000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - LOG_SQRT_PI) * h;
    }
}
