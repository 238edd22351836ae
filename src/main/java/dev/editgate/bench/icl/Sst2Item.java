package dev.editgate.bench.icl;

/**
 * One SST-2 sentence and its label (0 negative, 1 positive).
 *
 * @param id the sentence's data line in its file ({@code line2} is the first record after the
 *     header)
 */
public record Sst2Item(String id, String text, int label) {}
