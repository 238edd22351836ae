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
 * @param group the subject, task or language the item belongs to (MMLU, BBH, TyDiQA, whose scores
 *     are means over groups), or null
 */
public record ItemRecord(
        String id,
        String prompt,
        String prediction,
        String reference,
        boolean correct,
        double score,
        String group) {

    /** An item of a benchmark without groups. */
    public ItemRecord(
            String id,
            String prompt,
            String prediction,
            String reference,
            boolean correct,
            double score) {
        this(id, prompt, prediction, reference, correct, score, null);
    }
}
