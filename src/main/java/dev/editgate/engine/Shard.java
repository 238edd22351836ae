package dev.editgate.engine;

import dev.editgate.scenario.Suite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} ({@code editgate.shard=I/N}, {@code ./editgate run --shard
 * I/N}): a deterministic partition of the selected scenarios, so that N machines each run one part
 * and {@code ./editgate merge} joins their run folders into one run.
 *
 * <p>Scenarios are the unit (a scenario's checkpoints replay one edit stream and cannot be split).
 * Each is assigned by longest-processing-time first: scenarios in decreasing order of their
 * estimated cost (ties in discovery order), each to the shard with the least cost so far (ties to
 * the lower index). The estimate is {@link #cost}: edits applied plus measurements taken, counting
 * an edit and a measurement alike; measured times of earlier runs are not used. Every shard must be
 * given the same suites and filters, or the partitions differ (the merge checks this). A shard that
 * holds no scenario of a suite does not load that suite's model; a suite spread over shards
 * measures its baseline in each of them (the baseline cache shares it when the shards share a
 * machine).
 *
 * @param index 1-based
 * @param count at least 1
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException(
                    "shard " + index + "/" + count + ": expected I/N with 1 <= I <= N");
        }
    }

    /** Parses {@code I/N}; the error names what is accepted. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    Constants.SHARD
                            + "="
                            + text
                            + ": expected I/N, the 1-based shard index and the shard count (e.g. 2/4)");
        }
        try {
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Constants.SHARD + "=" + text + ": number too large");
        }
    }

    /** The estimated cost of one scenario of {@code suite}: edits applied + measurements taken. */
    public static long cost(Suite suite) {
        return (long) suite.edits().take()
                + (long) suite.checkpoints().size() * suite.capabilities().size();
    }

    /**
     * The shard (1-based) of each item, in the order given.
     *
     * @param costs the items' estimated costs, in discovery order
     */
    public static int[] assign(List<Long> costs, int count) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < costs.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.comparing((Integer i) -> costs.get(i)).reversed().thenComparing(i -> i));
        long[] load = new long[count];
        int[] shard = new int[costs.size()];
        for (int i : order) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            load[least] += costs.get(i);
            shard[i] = least + 1;
        }
        return shard;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
