package dev.editgate.report;

import dev.editgate.bench.ItemRecord;
import dev.editgate.stats.McNemar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of a capability that changed between two checkpoints (0 = the unedited model), paired
 * by item id: those whose verdict flipped (right → wrong, wrong → right), and the one-sided exact
 * McNemar p-value of "more got worse than better".
 *
 * @param flipped the flipped items, those that got worse first, each in item order
 * @param changed every paired item whose score changed, largest change first
 * @param paired items present at both checkpoints
 * @param unpaired items present at only one of them
 */
public record Flips(List<Change> flipped, List<Change> changed, int paired, int unpaired) {

    /** One item before and after. */
    public record Change(ItemRecord before, ItemRecord after) {
        /** Whether it went from right to wrong. */
        public boolean worse() {
            return before.correct() && !after.correct();
        }

        /** after's score minus before's (NaN when either is not a number). */
        public double delta() {
            return after.score() - before.score();
        }
    }

    /** Pairs {@code before} and {@code after} by item id. */
    public static Flips between(List<ItemRecord> before, List<ItemRecord> after) {
        Map<String, ItemRecord> earlier = new LinkedHashMap<>();
        before.forEach(r -> earlier.put(r.id(), r));
        List<Change> worse = new ArrayList<>();
        List<Change> better = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        int paired = 0;
        for (ItemRecord a : after) {
            ItemRecord b = earlier.get(a.id());
            if (b == null) {
                continue;
            }
            paired++;
            Change c = new Change(b, a);
            if (b.correct() != a.correct()) {
                (c.worse() ? worse : better).add(c);
            }
            if (Math.abs(c.delta()) > 1e-12) {
                changed.add(c);
            }
        }
        changed.sort(Comparator.comparingDouble((Change c) -> -Math.abs(c.delta())));
        List<Change> flipped = new ArrayList<>(worse);
        flipped.addAll(better);
        int unpaired = before.size() + after.size() - 2 * paired;
        return new Flips(List.copyOf(flipped), List.copyOf(changed), paired, unpaired);
    }

    /** Items that went from right to wrong. */
    public int rightToWrong() {
        return (int) flipped.stream().filter(Change::worse).count();
    }

    /** Items that went from wrong to right. */
    public int wrongToRight() {
        return flipped.size() - rightToWrong();
    }

    /** One-sided exact McNemar p-value of "the change made more items wrong than right". */
    public double pWorse() {
        return McNemar.pValue(rightToWrong(), wrongToRight(), paired, 0);
    }
}
