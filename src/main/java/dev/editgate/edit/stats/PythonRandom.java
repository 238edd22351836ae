package dev.editgate.edit.stats;

/**
 * CPython's {@code random.Random(seed)} (MT19937 seeded by {@code init_by_array}) as far as {@code
 * shuffle} needs it, so that a seeded sample of documents is the one the reference picks:
 * EasyEdit's and ROME's {@code layer_stats} take {@code FixedRandomSubsetSampler(seed=1)}, which is
 * {@code random.Random(1).shuffle(list(range(n)))[:sample_size]}. Checked against Python's own
 * output in {@code PythonRandomTest}.
 */
final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;

    /** {@code random.Random(seed)} for an integer seed (Python uses its absolute value). */
    PythonRandom(long seed) {
        long a = seed == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(seed);
        int[] key = (a >>> 32) == 0 ? new int[] {(int) a} : new int[] {(int) a, (int) (a >>> 32)};
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** {@code genrand_uint32}, as an unsigned value in a long. */
    long nextUint32() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                int v = mt[(k + M) % N] ^ (y >>> 1);
                mt[k] = (y & 1) != 0 ? v ^ 0x9908b0df : v;
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** {@code getrandbits(k)} for 1 <= k <= 32. */
    long getrandbits(int k) {
        return nextUint32() >>> (32 - k);
    }

    /** {@code _randbelow(n)}: rejection sampling on {@code n.bit_length()} bits. */
    int randbelow(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /** {@code random.shuffle(x)} in place. */
    void shuffle(int[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /**
     * The order in which the reference visits a seeded sample: {@code shuffled[:count]} of {@code
     * list(range(n))}.
     */
    static int[] sample(int n, int count, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        new PythonRandom(seed).shuffle(all);
        return java.util.Arrays.copyOf(all, Math.min(n, count));
    }
}
