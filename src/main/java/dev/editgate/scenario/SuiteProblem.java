package dev.editgate.scenario;

/**
 * One thing wrong with a suite file: where, and what (the message names what is accepted).
 *
 * @param position where in the file; never null
 * @param message what is wrong and what is accepted
 */
public record SuiteProblem(SourcePosition position, String message) {

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
