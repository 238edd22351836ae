package dev.editgate.stats;

import java.util.Random;

/**
 * The nonparametric bootstrap, seeded: each of {@code replicates} resamples draws, for every
 * stratum of items (all items, or each group of a macro mean), as many items with replacement as
 * the stratum holds, and scores every given sample on the same draws. Paired samples (the unedited
 * and the edited model on the same items) are thus resampled as pairs: the spread of their
 * difference reflects only what differs between them.
 *
 * <p>{@link java.util.Random} is used because its sequence for a seed is specified: the same seed
 * gives the same intervals on every JVM.
 */
public final class Bootstrap {
    /** Replicates drawn unless configured otherwise. */
    public static final int DEFAULT_REPLICATES = 10_000;

    /** Seed used unless configured otherwise. */
    public static final long DEFAULT_SEED = 1;

    private final int replicates;
    private final long seed;

    public Bootstrap(int replicates, long seed) {
        if (replicates < 100) {
            throw new IllegalArgumentException(
                    "bootstrap replicates must be at least 100, got " + replicates);
        }
        this.replicates = replicates;
        this.seed = seed;
    }

    public int replicates() {
        return replicates;
    }

    public long seed() {
        return seed;
    }

    /**
     * Scores every sample on the same resamples of items.
     *
     * @param samples one sample, or paired samples over the same items ({@link Sample#pairsWith})
     */
    public Replicates resample(Sample... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("nothing to resample");
        }
        for (Sample s : samples) {
            if (!samples[0].pairsWith(s)) {
                throw new IllegalArgumentException(
                        "samples do not pair: " + samples[0].describe() + " and " + s.describe());
            }
        }
        int[][] strata = samples[0].strata();
        int[] counts = new int[samples[0].size()];
        double[][] values = new double[samples.length][replicates];
        Random random = new Random(seed);
        for (int b = 0; b < replicates; b++) {
            java.util.Arrays.fill(counts, 0);
            for (int[] stratum : strata) {
                for (int k = 0; k < stratum.length; k++) {
                    counts[stratum[random.nextInt(stratum.length)]]++;
                }
            }
            for (int s = 0; s < samples.length; s++) {
                values[s][b] = samples[s].value(counts);
            }
        }
        return new Replicates(values);
    }
}
