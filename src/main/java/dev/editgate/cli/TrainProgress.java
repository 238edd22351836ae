package dev.editgate.cli;

import dev.editgate.edit.mend.MendTrainer;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The training progress bar: at most a line every 5 s (plain lines, for logs and CI consoles as
 * much as terminals) with iterations done, iterations per second and the loss and edit success
 * averaged since the last line; a line per validation.
 */
final class TrainProgress implements MendTrainer.Progress {
    private static final int BAR = 24;
    private final PrintStream out;
    private final LongSupplier clock;
    private long last = Long.MIN_VALUE;
    private long started = Long.MIN_VALUE;
    private int firstIteration = -1;
    private double loss;
    private double acc;
    private int n;

    TrainProgress(PrintStream out) {
        this(out, System::nanoTime);
    }

    TrainProgress(PrintStream out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void iteration(int iteration, int maxIters, Map<String, Double> info) {
        long now = clock.getAsLong();
        if (firstIteration < 0) {
            firstIteration = iteration;
            started = now;
        }
        loss += info.getOrDefault("loss/total_edit", Double.NaN);
        acc += info.getOrDefault("edit/acc", Double.NaN);
        n++;
        boolean due = last == Long.MIN_VALUE || now - last >= 5_000_000_000L;
        if (!due && iteration + 1 < maxIters) {
            return;
        }
        last = now;
        int done = iteration + 1;
        int filled = Math.min(BAR, Math.round((float) BAR * done / maxIters));
        double seconds = (now - started) / 1e9;
        out.printf(
                "  [%s%s] %d/%d it  %.2f it/s  loss %.4f  edit/acc %.3f%n",
                "#".repeat(filled),
                ".".repeat(BAR - filled),
                done,
                maxIters,
                seconds > 0 ? (done - firstIteration) / seconds : 0.0,
                loss / n,
                acc / n);
        loss = 0;
        acc = 0;
        n = 0;
    }

    @Override
    public void validated(int iteration, Map<String, Double> stats, boolean best) {
        out.printf(
                "  validation at %d: loss/total_edit %.5f  loss/edit %.4f  loss/loc %.5f"
                        + "  edit/acc %.3f%s%n",
                iteration,
                stats.get("loss/total_edit_val"),
                stats.get("loss/edit_val"),
                stats.get("loss/loc_val"),
                stats.get("edit/acc_val"),
                best ? "  (best: archived)" : "");
    }

    @Override
    public void message(String text) {
        out.println("  " + text);
    }
}
