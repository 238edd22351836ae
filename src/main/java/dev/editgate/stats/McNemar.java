package dev.editgate.stats;

/**
 * The exact McNemar test on paired right/wrong items, one-sided and with a margin.
 *
 * <p>Of {@code n} items scored right or wrong before and after a change, {@code worse} flipped in
 * the bad direction and {@code better} in the good one; the others did not move. Conditional on the
 * {@code m = worse + better} flipped items, each flip is bad with some probability π, and the
 * expected net damage is {@code m(2π − 1)} items. The null hypothesis is that the true damage is at
 * most the margin: {@code m(2π − 1) ≤ margin·n}, that is {@code π ≤ π₀ = (1 + margin·n/m)/2}. The
 * p-value is {@code P(X ≥ worse)} for {@code X ~ Binomial(m, π₀)}. With margin 0 this is the
 * classic exact one-sided McNemar test ({@code π₀ = 1/2}). When {@code π₀ ≥ 1} even all flips bad
 * could not exceed the margin (p = 1); no flips at all give p = 1.
 */
public final class McNemar {
    private McNemar() {}

    /**
     * @param worse items that flipped in the bad direction
     * @param better items that flipped in the good direction
     * @param items all paired items (flipped or not)
     * @param margin the damage allowed, as a share of all items (a {@code max_drop} on accuracy)
     * @return the one-sided p-value of "damage beyond the margin"
     */
    public static double pValue(int worse, int better, int items, double margin) {
        if (worse < 0 || better < 0 || worse + better > items) {
            throw new IllegalArgumentException(
                    "McNemar needs 0 ≤ worse + better ≤ items, got "
                            + worse
                            + " + "
                            + better
                            + " of "
                            + items);
        }
        int m = worse + better;
        if (m == 0) {
            return 1;
        }
        double pi0 = nullShare(m, items, margin);
        if (pi0 >= 1) {
            return 1;
        }
        return Binomial.upperTail(worse, m, Math.max(0, pi0));
    }

    /** π₀ = (1 + margin·n/m)/2: the share of bad flips the null hypothesis allows at most. */
    public static double nullShare(int flipped, int items, double margin) {
        return 0.5 * (1 + margin * items / flipped);
    }
}
