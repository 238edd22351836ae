package dev.editgate.cli;

import dev.editgate.engine.ProgressListener;
import dev.editgate.scenario.Thresholds;
import java.io.PrintStream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Progress on the console: a bar while edits are applied, one line per scored capability, and the
 * reason of every failed test or suite.
 */
final class ConsoleProgress implements ProgressListener, TestExecutionListener {
    private static final int BAR = 24;
    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void loadingModel(String path) {
        out.println("loading " + path + " ...");
    }

    @Override
    public void editsApplied(String scenario, int applied, int target, int total) {
        int filled = total == 0 ? BAR : Math.round((float) BAR * applied / total);
        out.printf("  [%s%s] %d/%d edits  %s (to checkpoint %d)%n", "#".repeat(filled),
                ".".repeat(BAR - filled), applied, total, scenario, target);
    }

    @Override
    public void scoring(String test) {
        out.println("  scoring " + test + " ...");
    }

    @Override
    public void scored(String test, double value, boolean passed, double seconds) {
        out.printf("  %s %s = %s (%.1f s)%n", passed ? "ok  " : "FAIL", test,
                Thresholds.format(value), seconds);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        String why = result.getThrowable().map(Throwable::getMessage).orElse("");
        out.println((id.isTest() ? "  ✗ " : "✗ ") + id.getDisplayName() + ": " + why);
    }
}
