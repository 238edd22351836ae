package dev.editgate.scenario;

/**
 * One thing wrong with a suite file: where, and what (the message names what is accepted).
 *
 * @param position where in the file; never null
 * @param message what is wrong and what is accepted
 * @param absentInput whether the only trouble is an input this machine lacks: a path under {@code
 *     ${editgate.shared}} when that folder is absent, or under {@code ${editgate.models}} when that
 *     model is not pulled. A suite with nothing else wrong is skipped with the reason, like a test
 *     whose assumption fails; any other problem fails it.
 */
public record SuiteProblem(SourcePosition position, String message, boolean absentInput) {

    /** A problem in the suite itself. */
    public SuiteProblem(SourcePosition position, String message) {
        this(position, message, false);
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
