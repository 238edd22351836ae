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
 */
public record ItemRecord(
        String id,
        String prompt,
        String prediction,
        String reference,
        boolean correct,
        double score) {}
