package dev.editgate.bench.protocol;

import dev.editgate.model.PrefixCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches of token sequences that share their few-shot prefix (an MMLU subject's five exemplars),
 * so that a {@link PrefixCache} runs each prefix once. The sequences are sorted by their ids, which
 * puts those of one prefix next to each other; a group ends where two neighbours share fewer than
 * {@link PrefixCache#MIN_PREFIX} tokens or less than half of what the neighbours on either side
 * share (the step from one subject's exemplars to the next).
 */
final class PrefixGroups {
    private PrefixGroups() {}

    /** Indices into {@code seqs} (those in {@code which}), in groups of one prefix. */
    static List<List<Integer>> groups(List<int[]> seqs, List<Integer> which) {
        List<Integer> order = new ArrayList<>(which);
        order.sort((a, b) -> Arrays.compare(seqs.get(a), seqs.get(b)));
        int n = order.size();
        int[] lcp = new int[n]; // lcp[i]: tokens order[i - 1] and order[i] share; lcp[0] = 0
        for (int i = 1; i < n; i++) {
            lcp[i] = common(seqs.get(order.get(i - 1)), seqs.get(order.get(i)));
        }
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!batch.isEmpty() && boundary(lcp, i)) {
                out.add(batch);
                batch = new ArrayList<>();
            }
            batch.add(order.get(i));
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    private static boolean boundary(int[] lcp, int i) {
        int before = i > 1 ? lcp[i - 1] : 0;
        int after = i + 1 < lcp.length ? lcp[i + 1] : 0;
        return lcp[i] < PrefixCache.MIN_PREFIX || 2 * lcp[i] < Math.max(before, after);
    }

    /** Tokens every sequence of {@code group} starts with. */
    static int common(List<int[]> seqs, List<Integer> group) {
        int n = seqs.get(group.get(0)).length;
        for (int i : group) {
            n = Math.min(n, common(seqs.get(group.get(0)), seqs.get(i)));
        }
        return n;
    }

    static int common(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
