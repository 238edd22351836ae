package dev.editgate.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measurement's per-item data and how its value is computed from them, so that a resample of
 * the items (each item taken {@code counts[i]} times) can be scored the same way:
 *
 * <ul>
 *   <li>{@link #mean}: the mean of the item scores (accuracy, F1, pass@1, token accuracy);
 *       resampled over all items;
 *   <li>{@link #macroMean}: the mean over groups (subjects, tasks, languages) of each group's mean;
 *       resampled within each group, so every group keeps its size (subjects are fixed by the
 *       design; a group of one item then adds no variance);
 *   <li>{@link #perplexity}: {@code exp(Σ NLL / Σ tokens)} over documents, a ratio of sums;
 *       resampled over documents, the ratio recomputed each time.
 * </ul>
 */
public final class Sample {
    private enum Kind {
        MEAN,
        MACRO_MEAN,
        PERPLEXITY
    }

    private final Kind kind;
    private final double[] scores; // item scores, or each document's NLL sum for PERPLEXITY
    private final double[] tokens; // PERPLEXITY: each document's scored tokens
    private final int[] group; // MACRO_MEAN: each item's group index
    private final int[][] strata; // items resampled together

    private Sample(Kind kind, double[] scores, double[] tokens, int[] group, int[][] strata) {
        this.kind = kind;
        this.scores = scores;
        this.tokens = tokens;
        this.group = group;
        this.strata = strata;
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("item score is not finite: " + s);
            }
        }
    }

    /** The mean of {@code scores}. */
    public static Sample mean(double[] scores) {
        return new Sample(
                Kind.MEAN, scores.clone(), null, null, new int[][] {range(scores.length)});
    }

    /** The mean over groups of each group's mean score; {@code groups[i]} names item i's group. */
    public static Sample macroMean(double[] scores, String[] groups) {
        if (groups.length != scores.length) {
            throw new IllegalArgumentException(
                    groups.length + " groups for " + scores.length + " item scores");
        }
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            members.computeIfAbsent(String.valueOf(groups[i]), k -> new ArrayList<>()).add(i);
        }
        int[] group = new int[scores.length];
        int[][] strata = new int[members.size()][];
        int g = 0;
        for (List<Integer> m : members.values()) {
            strata[g] = m.stream().mapToInt(Integer::intValue).toArray();
            for (int i : strata[g]) {
                group[i] = g;
            }
            g++;
        }
        return new Sample(Kind.MACRO_MEAN, scores.clone(), null, group, strata);
    }

    /** {@code exp(Σ nll / Σ tokens)} over documents: each document's NLL sum and token count. */
    public static Sample perplexity(double[] nll, double[] tokens) {
        if (tokens.length != nll.length) {
            throw new IllegalArgumentException(
                    tokens.length + " token counts for " + nll.length + " documents");
        }
        for (double t : tokens) {
            if (!(t > 0)) {
                throw new IllegalArgumentException("a document has no scored tokens: " + t);
            }
        }
        return new Sample(
                Kind.PERPLEXITY,
                nll.clone(),
                tokens.clone(),
                null,
                new int[][] {range(nll.length)});
    }

    /** Number of items (documents). */
    public int size() {
        return scores.length;
    }

    /** The value on the items as they are (each once). */
    public double value() {
        int[] ones = new int[scores.length];
        Arrays.fill(ones, 1);
        return value(ones);
    }

    /** The value of a resample in which item {@code i} is taken {@code counts[i]} times. */
    double value(int[] counts) {
        switch (kind) {
            case MEAN -> {
                double sum = 0;
                long n = 0;
                for (int i = 0; i < scores.length; i++) {
                    sum += counts[i] * scores[i];
                    n += counts[i];
                }
                return sum / n;
            }
            case MACRO_MEAN -> {
                double total = 0;
                for (int[] stratum : strata) {
                    double sum = 0;
                    long n = 0;
                    for (int i : stratum) {
                        sum += counts[i] * scores[i];
                        n += counts[i];
                    }
                    total += sum / n;
                }
                return total / strata.length;
            }
            default -> {
                double nll = 0;
                double tok = 0;
                for (int i = 0; i < scores.length; i++) {
                    nll += counts[i] * scores[i];
                    tok += counts[i] * tokens[i];
                }
                return Math.exp(nll / tok);
            }
        }
    }

    /** The size of the smallest stratum resampled (all items, or the smallest group). */
    public int smallestGroup() {
        int min = Integer.MAX_VALUE;
        for (int[] s : strata) {
            min = Math.min(min, s.length);
        }
        return min;
    }

    /** Whether this is a mean of item scores that are all 0 or 1 (accuracy, pass@1). */
    public boolean binary() {
        if (kind != Kind.MEAN) {
            return false;
        }
        for (double s : scores) {
            if (s != 0 && s != 1) {
                return false;
            }
        }
        return true;
    }

    /** Item {@code i}'s score (its NLL sum for perplexity). */
    public double score(int i) {
        return scores[i];
    }

    /**
     * Whether {@code other} holds the same items in the same structure (kind, size, groups), so the
     * two can be resampled together as pairs.
     */
    public boolean pairsWith(Sample other) {
        return kind == other.kind
                && scores.length == other.scores.length
                && Arrays.equals(group, other.group);
    }

    /** E.g. {@code mean of 30 items}, {@code macro mean over 8 groups of 240 items}. */
    public String describe() {
        return switch (kind) {
            case MEAN -> "mean of " + scores.length + " items";
            case MACRO_MEAN ->
                    "macro mean over " + strata.length + " groups of " + scores.length + " items";
            case PERPLEXITY -> "perplexity of " + scores.length + " documents";
        };
    }

    int[][] strata() {
        return strata;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
