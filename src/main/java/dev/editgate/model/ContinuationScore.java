package dev.editgate.model;

/**
 * Log-likelihood of a continuation given a context.
 *
 * @param tokenLogProbs natural-log probability of each continuation token
 * @param tokenIds the continuation's token ids
 * @param greedyMatch whether every continuation token was the argmax at its position
 */
public record ContinuationScore(float[] tokenLogProbs, int[] tokenIds, boolean greedyMatch) {

    public double sum() {
        double s = 0;
        for (float f : tokenLogProbs) {
            s += f;
        }
        return s;
    }

    public int tokens() {
        return tokenLogProbs.length;
    }
}
