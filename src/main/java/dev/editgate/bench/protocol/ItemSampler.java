package dev.editgate.bench.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded sampling of {@code limit} items, kept in dataset order so runs are comparable. */
public final class ItemSampler {
    private ItemSampler() {}

    /** All items when {@code limit <= 0} or {@code limit >= size}; else a seeded sample. */
    public static <T> List<T> sample(List<T> items, int limit, long seed) {
        if (limit <= 0 || limit >= items.size()) {
            return List.copyOf(items);
        }
        List<Integer> idx = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        List<Integer> chosen = new ArrayList<>(idx.subList(0, limit));
        Collections.sort(chosen);
        List<T> out = new ArrayList<>(limit);
        for (int i : chosen) {
            out.add(items.get(i));
        }
        return List.copyOf(out);
    }
}
