package dev.editgate.bench;

/**
 * One scored item.
 *
 * @param id the item's id in its dataset (or index)
 * @param prompt the exact text given to the model
 * @param prediction what the model answered (extracted)
 * @param reference the expected answer
 * @param correct whether it counts as correct
 * @param score the item's numeric score (1/0 for accuracy, F1, a log-likelihood)
 * @param group the subject, task or language the item belongs to, when the benchmark's value is a
 *     {@link Score.Aggregation#MACRO_MEAN macro mean} over them; null otherwise
 * @param nll for perplexity: the document's summed negative log-likelihood (nats); NaN otherwise
 * @param tokens for perplexity: the number of tokens {@code nll} sums over; 0 otherwise
 */
public record ItemRecord(
        String id,
        String prompt,
        String prediction,
        String reference,
        boolean correct,
        double score,
        String group,
        double nll,
        long tokens) {

    /** An item without a group or token counts. */
    public ItemRecord(
            String id,
            String prompt,
            String prediction,
            String reference,
            boolean correct,
            double score) {
        this(id, prompt, prediction, reference, correct, score, null, Double.NaN, 0);
    }

    /** This item, in {@code group} (subject, task, language). */
    public ItemRecord withGroup(String group) {
        return new ItemRecord(
                id, prompt, prediction, reference, correct, score, group, nll, tokens);
    }

    /** This item with a document's summed NLL over {@code tokens} scored tokens. */
    public ItemRecord withLogLikelihood(double nll, long tokens) {
        return new ItemRecord(
                id, prompt, prediction, reference, correct, score, group, nll, tokens);
    }
}
