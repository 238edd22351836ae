package dev.editgate.report;

import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.scenario.Thresholds;
import dev.editgate.stats.Bootstrap;
import dev.editgate.stats.Interval;
import dev.editgate.stats.McNemar;
import dev.editgate.stats.Replicates;
import dev.editgate.stats.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Two scenarios' measurements of one capability at one checkpoint, paired by item id: the
 * difference A − B with its paired percentile bootstrap interval (the same resampled items on both
 * sides, built as {@link PairedItems} builds edited-vs-baseline samples: per-document NLL-sum /
 * token-count ratios for perplexity, means within groups for a macro mean) and a two-sided p-value
 * of "no difference": the exact McNemar test on the flipped items for right/wrong items, else the
 * paired bootstrap. What cannot be paired is said in {@code notes}, never guessed.
 *
 * @param suite suite id
 * @param edits the checkpoint (edits applied in both scenarios)
 * @param capability capability id
 * @param metric what the values are (accuracy, perplexity, ...)
 * @param higherIsBetter direction of the metric
 * @param valueA scenario A's value (from {@code results.jsonl})
 * @param valueB scenario B's value
 * @param items items paired, or 0 when they do not pair
 * @param differenceCi the interval of A − B at {@code level}; null when not paired
 * @param p two-sided p-value of "A and B do not differ"; null when not paired
 * @param test {@code exact McNemar} or {@code paired bootstrap}; null when not paired
 * @param aRightBWrong right/wrong items: right in A, wrong in B; null otherwise
 * @param aWrongBRight right/wrong items: wrong in A, right in B; null otherwise
 * @param level coverage of the interval; p below {@code 1 − level} names a better side
 * @param notes why a row is not paired, or what else the reader should know
 */
public record ScenarioPair(
        String suite,
        int edits,
        String capability,
        String metric,
        boolean higherIsBetter,
        double valueA,
        double valueB,
        int items,
        List<Double> differenceCi,
        Double p,
        String test,
        Integer aRightBWrong,
        Integer aWrongBRight,
        double level,
        List<String> notes) {

    public ScenarioPair {
        notes = List.copyOf(notes);
    }

    /** A − B on the values as recorded. */
    public double difference() {
        return valueA - valueB;
    }

    public boolean paired() {
        return p != null;
    }

    /**
     * {@code A} or {@code B} when p lies below {@code 1 − level} (the side whose value is better by
     * the metric's direction), {@code no difference at 95%} otherwise, {@code not paired} without a
     * test.
     */
    public String better(String a, String b) {
        if (!paired()) {
            return "not paired";
        }
        if (p >= 1 - level - 1e-12 || difference() == 0) {
            return "no difference at " + Thresholds.percent(level);
        }
        return (difference() > 0) == higherIsBetter ? a : b;
    }

    /**
     * Compares A's and B's records of the same measurement.
     *
     * @param itemsA A's item records, or null when its file is missing (said in a note)
     * @param itemsB B's, likewise
     */
    static ScenarioPair of(
            ResultRecord a,
            List<ItemRecord> itemsA,
            ResultRecord b,
            List<ItemRecord> itemsB,
            double level,
            Bootstrap bootstrap) {
        List<String> notes = new ArrayList<>();
        Stats s = null;
        if (!a.metric().equals(b.metric()) || a.higherIsBetter() != b.higherIsBetter()) {
            notes.add(
                    "the scenarios measure different metrics ("
                            + a.metric()
                            + ", "
                            + b.metric()
                            + "): not paired");
        } else if (itemsA == null || itemsB == null) {
            notes.add(
                    "no item records of "
                            + (itemsA == null ? a.scenario() : b.scenario())
                            + (itemsA == null && itemsB == null ? " nor " + b.scenario() : "")
                            + " at "
                            + a.editsApplied()
                            + " edits: not paired");
        } else {
            s = stats(a, itemsA, b, itemsB, level, bootstrap, notes);
        }
        return new ScenarioPair(
                a.suite(),
                a.editsApplied(),
                a.capability(),
                a.metric(),
                a.higherIsBetter(),
                a.value(),
                b.value(),
                s == null ? 0 : s.items,
                s == null ? null : List.of(s.ci.lower(), s.ci.upper()),
                s == null ? null : s.p,
                s == null ? null : s.test,
                s == null ? null : s.flips[0],
                s == null ? null : s.flips[1],
                level,
                notes);
    }

    private record Stats(int items, Interval ci, double p, String test, Integer[] flips) {}

    private static Stats stats(
            ResultRecord a,
            List<ItemRecord> itemsA,
            ResultRecord b,
            List<ItemRecord> itemsB,
            double level,
            Bootstrap bootstrap,
            List<String> notes) {
        List<ItemRecord> alignedB =
                ItemAlignment.align(a.scenario(), itemsA, b.scenario(), itemsB, notes);
        if (alignedB == null) {
            return null;
        }
        Score.Aggregation aggregation = aggregation(a, itemsA);
        Sample sa = PairedItems.sample(itemsA, aggregation, a.value(), a.scenario() + "'s ", notes);
        Sample sb =
                PairedItems.sample(alignedB, aggregation, b.value(), b.scenario() + "'s ", notes);
        if (sa == null || sb == null) {
            return null;
        }
        if (!sa.pairsWith(sb)) {
            notes.add(
                    "the items are grouped differently ("
                            + sa.describe()
                            + ", "
                            + sb.describe()
                            + "): not paired");
            return null;
        }
        Replicates r = bootstrap.resample(sa, sb);
        double[] diff = r.combine((x, y) -> x - y);
        Interval ci = Replicates.percentile(diff, level);
        Integer[] flips = {null, null};
        double p;
        String test;
        if (sa.binary() && sb.binary()) {
            int[] f = PairedItems.flips(sa, sb);
            flips = new Integer[] {f[0], f[1]};
            p = mcNemarTwoSided(f[0], f[1], sa.size());
            test = "exact McNemar";
        } else {
            double[] negated = diff.clone();
            for (int i = 0; i < negated.length; i++) {
                negated[i] = -negated[i];
            }
            p = Math.min(1, 2 * Math.min(Replicates.pValue(diff), Replicates.pValue(negated)));
            test = "paired bootstrap";
        }
        return new Stats(sa.size(), ci, p, test, flips);
    }

    /**
     * The two-sided exact McNemar p-value: twice the smaller binomial tail of the flips at π = ½,
     * at most 1 (scipy's {@code binomtest(aOnly, aOnly + bOnly).pvalue}, the test being symmetric).
     */
    static double mcNemarTwoSided(int aOnly, int bOnly, int items) {
        double tail = McNemar.pValue(Math.max(aOnly, bOnly), Math.min(aOnly, bOnly), items, 0);
        return Math.min(1, 2 * tail);
    }

    /** How the value was computed: perplexity from documents, a macro mean over groups, a mean. */
    private static Score.Aggregation aggregation(ResultRecord a, List<ItemRecord> items) {
        if ("perplexity".equals(a.metric()) && items.stream().allMatch(r -> r.tokens() > 0)) {
            return Score.Aggregation.PERPLEXITY;
        }
        if (a.micro() != null && items.stream().allMatch(r -> r.group() != null)) {
            return Score.Aggregation.MACRO_MEAN;
        }
        return Score.Aggregation.MEAN; // read as a macro mean when that is what the value is
    }
}
