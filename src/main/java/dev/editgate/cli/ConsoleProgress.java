package dev.editgate.cli;

import dev.editgate.engine.ProgressListener;
import dev.editgate.scenario.Thresholds;
import java.io.PrintStream;
import java.util.function.LongSupplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Progress on the console: a bar while edits are applied, one line per scored capability, and the
 * reason of every failed test or suite.
 */
final class ConsoleProgress implements ProgressListener, TestExecutionListener {
    private static final int BAR = 24;
    static final long ITEM_LINE_NANOS = 5_000_000_000L;
    private final PrintStream out;
    private final LongSupplier clock;
    private String itemsTest;
    private long lastItemsLine;
    private int itemsLines;

    ConsoleProgress(PrintStream out) {
        this(out, System::nanoTime);
    }

    ConsoleProgress(PrintStream out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void loadingModel(String path) {
        out.println("loading " + path + " ...");
    }

    @Override
    public void editsApplied(String scenario, int applied, int target, int total) {
        out.printf(
                "  %s %d/%d edits  %s (to checkpoint %d)%n",
                bar(applied, total), applied, total, scenario, target);
    }

    private static String bar(int done, int total) {
        int filled = total <= 0 ? BAR : Math.min(BAR, Math.round((float) BAR * done / total));
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    @Override
    public void scoring(String test) {
        out.println("  scoring " + test + " ...");
        itemsTest = test;
        lastItemsLine = clock.getAsLong();
        itemsLines = 0;
    }

    /**
     * A bar of items scored, at most one line every {@link #ITEM_LINE_NANOS} (plain lines, so that
     * logs and CI consoles read as well as a terminal).
     */
    @Override
    public void itemsScored(String test, int done, int total) {
        long now = clock.getAsLong();
        if (!test.equals(itemsTest)) {
            itemsTest = test;
            lastItemsLine = now;
            itemsLines = 0;
            return; // not announced: start its clock now
        }
        boolean due = now - lastItemsLine >= ITEM_LINE_NANOS;
        if (!due && !(done >= total && itemsLines > 0)) {
            return; // quick work finishes without a bar; a bar once shown is shown complete
        }
        lastItemsLine = now;
        itemsLines++;
        out.printf("  %s %d/%d items  %s%n", bar(done, total), done, total, test);
    }

    @Override
    public void scored(String test, double value, boolean passed, double seconds) {
        out.printf(
                "  %s %s = %s (%.1f s)%n",
                passed ? "ok  " : "FAIL", test, Thresholds.format(value), seconds);
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
