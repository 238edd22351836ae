package dev.editgate.bench.sandbox;

/**
 * How a sandboxed program ended.
 *
 * @param outcome passed (exit 0 in time), failed, timed out, or the sandbox could not run it
 * @param exitCode the process's exit status (-1 when killed or never started)
 * @param stdout standard output, truncated to the limit
 * @param stderr standard error, truncated to the limit
 * @param millis wall-clock time
 */
public record SandboxResult(
        Outcome outcome, int exitCode, String stdout, String stderr, long millis) {

    /** The ways a run ends. */
    public enum Outcome {
        PASSED,
        FAILED,
        TIMED_OUT,
        SANDBOX_ERROR
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
