package dev.editgate.scenario;

/**
 * A point along the edit stream where capabilities are measured.
 *
 * @param edits how many edits have been applied at this point
 * @param position the number's place in the suite file
 */
public record Checkpoint(int edits, SourcePosition position) {}
