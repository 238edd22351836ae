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

    /**
     * Argmax when {@code config} is greedy, else temperature and top-k or top-p, seeded by its
     * seed.
     */
    static Sampler of(GenerationConfig config) {
        if (config.greedy()) {
            return ARGMAX;
        }
        return config.topK() > 0
                ? new TopK(config.temperature(), config.topK(), new Random(config.seed()))
                : new TopP(config.temperature(), config.topP(), new Random(config.seed()));
    }

    /**
     * Softmax at {@code temperature}, then the {@code k} most likely tokens (ties: the lower index
     * first), drawn from in proportion to their probabilities, as {@code torch.topk} then {@code
     * torch.multinomial} over the renormalised top-k. One pass over the vocabulary keeps the k best
     * in a small sorted array.
     */
    final class TopK implements Sampler {
        private final double temperature;
        private final int k;
        private final Random random;

        TopK(double temperature, int k, Random random) {
            this.temperature = temperature;
            this.k = k;
            this.random = random;
        }

        @Override
        public int next(float[] logits) {
            int n = Math.min(k, logits.length);
            int[] best = new int[n];
            int size = 0;
            for (int i = 0; i < logits.length; i++) {
                if (size == n && logits[i] <= logits[best[n - 1]]) {
                    continue; // not above the k-th best (ties keep the lower index)
                }
                int at = size < n ? size++ : n - 1;
                while (at > 0 && logits[best[at - 1]] < logits[i]) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = i;
            }
            double max = logits[best[0]];
            double[] w = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                w[j] = Math.exp((logits[best[j]] - max) / temperature);
                sum += w[j];
            }
            double r = random.nextDouble() * sum;
            for (int j = 0; j < n; j++) {
                r -= w[j];
                if (r <= 0) {
                    return best[j];
                }
            }
            return best[n - 1];
        }
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
