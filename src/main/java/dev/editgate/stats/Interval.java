package dev.editgate.stats;

/**
 * A two-sided confidence interval.
 *
 * @param lower lower limit
 * @param upper upper limit
 * @param level coverage it was computed for, e.g. 0.95
 */
public record Interval(double lower, double upper, double level) {
    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval [" + lower + ", " + upper + "]");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1): " + level);
        }
    }

    /** Whether {@code x} lies within the limits (inclusive). */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}
