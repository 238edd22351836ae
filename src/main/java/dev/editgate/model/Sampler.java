package dev.editgate.model;

import java.util.Random;

/**
 * Picks the next token from one row of logits (llama3.java's {@code Sampler}): {@link #ARGMAX}, or
 * {@link TopP temperature then top-p} with a seeded generator. A sampler may keep state (its
 * generator): one per generated batch, asked row after row, step after step.
 */
@FunctionalInterface
interface Sampler {

    /** The first index of the largest logit (as {@code torch.argmax}). */
    Sampler ARGMAX = Sampler::argmax;

    /** The token chosen from {@code logits} ([V], one row). */
    int next(float[] logits);

    /** Argmax when {@code config} is greedy, else temperature and top-p seeded by its seed. */
    static Sampler of(GenerationConfig config) {
        return config.greedy()
                ? ARGMAX
                : new TopP(config.temperature(), config.topP(), new Random(config.seed()));
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Softmax at {@code temperature}, then the smallest set of most likely tokens whose probability
     * reaches {@code topP} (at least one), drawn from in proportion. Tokens are ordered by falling
     * probability, ties by index, with a stable sort of primitive indices: the vocabulary is never
     * boxed.
     */
    final class TopP implements Sampler {
        private final double temperature;
        private final double topP;
        private final Random random;
        private double[] p = new double[0];
        private int[] order = new int[0];
        private int[] scratch = new int[0];

        TopP(double temperature, double topP, Random random) {
            this.temperature = temperature;
            this.topP = topP;
            this.random = random;
        }

        @Override
        public int next(float[] logits) {
            int v = logits.length;
            if (p.length != v) {
                p = new double[v];
                order = new int[v];
                scratch = new int[v];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (float f : logits) {
                max = Math.max(max, f);
            }
            double sum = 0;
            for (int i = 0; i < v; i++) {
                p[i] = Math.exp((logits[i] - max) / temperature);
                sum += p[i];
            }
            for (int i = 0; i < v; i++) {
                order[i] = i;
                p[i] /= sum;
            }
            mergeSort(order, scratch, 0, v, p);
            double kept = 0;
            int n = 0;
            while (n < v && (n == 0 || kept < topP)) {
                kept += p[order[n++]];
            }
            double r = random.nextDouble() * kept;
            for (int i = 0; i < n; i++) {
                r -= p[order[i]];
                if (r <= 0) {
                    return order[i];
                }
            }
            return order[n - 1];
        }

        /**
         * Sorts {@code a[from, to)} by falling {@code p}, stable (equal probabilities keep index
         * order), so the order is the one any stable sort gives.
         */
        private static void mergeSort(int[] a, int[] tmp, int from, int to, double[] p) {
            if (to - from < 2) {
                return;
            }
            if (to - from <= 16) { // insertion sort, stable
                for (int i = from + 1; i < to; i++) {
                    int x = a[i];
                    int j = i - 1;
                    while (j >= from && Double.compare(p[x], p[a[j]]) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(a, tmp, from, mid, p);
            mergeSort(a, tmp, mid, to, p);
            if (Double.compare(p[a[mid]], p[a[mid - 1]]) <= 0) {
                return; // already in order
            }
            System.arraycopy(a, from, tmp, from, to - from);
            int i = from;
            int j = mid;
            for (int k = from; k < to; k++) {
                // take from the right only when strictly more likely: stable
                if (j < to && (i >= mid || Double.compare(p[tmp[j]], p[tmp[i]]) > 0)) {
                    a[k] = tmp[j++];
                } else {
                    a[k] = tmp[i++];
                }
            }
        }
    }
}
