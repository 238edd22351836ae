package dev.editgate.report;

import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.stats.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A measurement's items as statistical samples: the edited model's, and the baseline's on the same
 * items in the same order when its records are at hand and line up. What cannot be built is said in
 * a note, never guessed.
 */
final class PairedItems {
    final Sample edited; // null: no interval
    final Sample baseline; // null: not paired
    final int items;
    final int rightToWrong;
    final int wrongToRight;

    private PairedItems(Sample edited, Sample baseline, int items, int[] flips) {
        this.edited = edited;
        this.baseline = baseline;
        this.items = items;
        this.rightToWrong = flips[0];
        this.wrongToRight = flips[1];
    }

    boolean paired() {
        return baseline != null;
    }

    /** Right/wrong items on both sides: the McNemar test applies. */
    boolean binaryPaired() {
        return paired() && edited.binary() && baseline.binary();
    }

    static PairedItems of(
            Score score, Double baselineValue, List<ItemRecord> baselineItems, List<String> notes) {
        List<ItemRecord> items = score.items();
        Sample edited = sample(items, score.aggregation(), score.value(), "", notes);
        Sample base = null;
        List<ItemRecord> aligned = null;
        if (edited != null && baselineValue != null) {
            if (baselineItems == null) {
                notes.add(
                        "the baseline has no item records (a cache from before they were kept):"
                                + " no paired interval or p-value; delete the cached baseline to"
                                + " measure it again");
            } else {
                aligned = align(items, baselineItems, notes);
                if (aligned != null) {
                    base =
                            sample(
                                    aligned,
                                    score.aggregation(),
                                    baselineValue,
                                    "the baseline's ",
                                    notes);
                }
                if (base != null && !base.pairsWith(edited)) {
                    notes.add("the baseline's items are grouped differently: not paired");
                    base = null;
                }
            }
        }
        int[] flips =
                base != null && base.binary() && edited.binary()
                        ? flips(base, edited)
                        : new int[] {0, 0};
        return new PairedItems(edited, base, items.size(), flips);
    }

    /**
     * Paired right/wrong items of two binary samples: {@code [right in from and wrong in to, wrong
     * in from and right in to]}. Also used by {@link ScenarioPair}.
     */
    static int[] flips(Sample from, Sample to) {
        int[] flips = {0, 0};
        for (int i = 0; i < from.size(); i++) {
            if (from.score(i) == 1 && to.score(i) == 0) {
                flips[0]++;
            } else if (from.score(i) == 0 && to.score(i) == 1) {
                flips[1]++;
            }
        }
        return flips;
    }

    /** The baseline's records in the order of {@code items}, or null (with a note). */
    private static List<ItemRecord> align(
            List<ItemRecord> items, List<ItemRecord> baseline, List<String> notes) {
        Map<String, ItemRecord> byId = new HashMap<>();
        for (ItemRecord r : baseline) {
            if (byId.put(r.id(), r) != null) {
                notes.add("the baseline's item id " + r.id() + " repeats: not paired");
                return null;
            }
        }
        List<ItemRecord> out = new ArrayList<>(items.size());
        for (ItemRecord r : items) {
            ItemRecord b = byId.get(r.id());
            if (b == null) {
                notes.add(
                        "item "
                                + r.id()
                                + " is not among the baseline's "
                                + baseline.size()
                                + " items: not paired");
                return null;
            }
            out.add(b);
        }
        if (baseline.size() != items.size()) {
            notes.add(
                    "the baseline has "
                            + baseline.size()
                            + " items, this measurement "
                            + items.size()
                            + ": not paired");
            return null;
        }
        return out;
    }

    /**
     * The sample for {@code aggregation}, checked against the value it must reproduce; a mean whose
     * value is in fact the macro mean of grouped items is read as one. Null (with a note) when
     * there is no sample to resample. Also used by {@link ScenarioPair} for two scenarios' items.
     */
    static Sample sample(
            List<ItemRecord> items,
            Score.Aggregation aggregation,
            double value,
            String whose,
            List<String> notes) {
        if (items.size() < 2) {
            notes.add(whose + items.size() + " item(s): no interval");
            return null;
        }
        Sample s;
        try {
            s = build(items, aggregation);
        } catch (IllegalArgumentException e) {
            notes.add(whose + "items cannot be resampled (" + e.getMessage() + "): no interval");
            return null;
        }
        if (matches(s, value)) {
            if (s.smallestGroup() == 1 && whose.isEmpty()) {
                notes.add(
                        "a group has a single item, which resampling within groups cannot vary:"
                                + " the interval understates the noise");
            }
            return s;
        }
        if (aggregation == Score.Aggregation.MEAN
                && items.stream().allMatch(r -> r.group() != null)) {
            Sample macro = build(items, Score.Aggregation.MACRO_MEAN);
            if (matches(macro, value)) {
                return sample(items, Score.Aggregation.MACRO_MEAN, value, whose, notes);
            }
        }
        notes.add(
                whose
                        + "value "
                        + value
                        + " is not the "
                        + s.describe()
                        + " ("
                        + s.value()
                        + "): no interval");
        return null;
    }

    private static boolean matches(Sample s, double value) {
        return Math.abs(s.value() - value) <= 1e-6 * Math.max(1, Math.abs(value));
    }

    private static Sample build(List<ItemRecord> items, Score.Aggregation aggregation) {
        int n = items.size();
        double[] scores = new double[n];
        switch (aggregation) {
            case PERPLEXITY -> {
                double[] tokens = new double[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = items.get(i).nll();
                    tokens[i] = items.get(i).tokens();
                    if (!(tokens[i] > 0)) {
                        throw new IllegalArgumentException(
                                "item " + items.get(i).id() + " has no token count");
                    }
                }
                return Sample.perplexity(scores, tokens);
            }
            case MACRO_MEAN -> {
                String[] groups = new String[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = items.get(i).score();
                    groups[i] = items.get(i).group();
                    if (groups[i] == null) {
                        throw new IllegalArgumentException(
                                "item " + items.get(i).id() + " has no group");
                    }
                }
                return Sample.macroMean(scores, groups);
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    scores[i] = items.get(i).score();
                }
                return Sample.mean(scores);
            }
        }
    }
}
