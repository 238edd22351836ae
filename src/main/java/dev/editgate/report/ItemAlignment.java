package dev.editgate.report;

import dev.editgate.bench.ItemRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Two scenarios' item records lined up by item id, or the reason they do not line up. */
final class ItemAlignment {
    private ItemAlignment() {}

    /** B's records in the order of A's, or null (with a note) when the two sets differ. */
    static List<ItemRecord> align(
            String nameA,
            List<ItemRecord> a,
            String nameB,
            List<ItemRecord> b,
            List<String> notes) {
        Map<String, ItemRecord> byId = new HashMap<>();
        for (ItemRecord r : b) {
            if (byId.put(r.id(), r) != null) {
                notes.add(nameB + "'s item id " + r.id() + " repeats: not paired");
                return null;
            }
        }
        Set<String> idsA = new LinkedHashSet<>();
        List<String> onlyA = new ArrayList<>();
        List<ItemRecord> out = new ArrayList<>(a.size());
        for (ItemRecord r : a) {
            if (!idsA.add(r.id())) {
                notes.add(nameA + "'s item id " + r.id() + " repeats: not paired");
                return null;
            }
            ItemRecord other = byId.get(r.id());
            if (other == null) {
                onlyA.add(r.id());
            } else {
                out.add(other);
            }
        }
        List<String> onlyB =
                b.stream().map(ItemRecord::id).filter(id -> !idsA.contains(id)).toList();
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            return out;
        }
        notes.add(
                "the items do not pair: "
                        + unmatched(nameA, onlyA, a.size())
                        + ", "
                        + unmatched(nameB, onlyB, b.size())
                        + ": not paired");
        return null;
    }

    private static String unmatched(String name, List<String> ids, int of) {
        return ids.size()
                + " of "
                + name
                + "'s "
                + of
                + " are not in the other"
                + (ids.isEmpty()
                        ? ""
                        : " ("
                                + String.join(", ", ids.subList(0, Math.min(3, ids.size())))
                                + (ids.size() > 3 ? ", …" : "")
                                + ")");
    }
}
