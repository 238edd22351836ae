package dev.editgate.cli;

import dev.editgate.report.ScenarioPair;
import dev.editgate.report.VerdictStatistics;
import dev.editgate.scenario.Thresholds;
import dev.editgate.stats.Bootstrap;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code editgate report --compare A,B}: one row per suite, checkpoint and capability, as aligned
 * columns or (with {@code --markdown}) a Markdown table, and the rows' notes below it.
 */
final class ComparePrinter {
    private static final String NONE = "—";

    private final PrintStream out;

    ComparePrinter(PrintStream out) {
        this.out = out;
    }

    void print(
            String runId,
            String a,
            String b,
            List<ScenarioPair> rows,
            double level,
            Bootstrap bootstrap,
            List<String> skipped,
            boolean markdown) {
        String pct = Thresholds.percent(level);
        out.println(
                "run "
                        + runId
                        + ": "
                        + a
                        + " (A) vs "
                        + b
                        + " (B), paired by item id; "
                        + pct
                        + " paired percentile bootstrap ("
                        + bootstrap.replicates()
                        + " replicates, seed "
                        + bootstrap.seed()
                        + "); two-sided p: exact McNemar on right/wrong items, else paired"
                        + " bootstrap");
        boolean suites = rows.stream().map(ScenarioPair::suite).distinct().count() > 1;
        List<String[]> table = new ArrayList<>();
        List<String> head = new ArrayList<>();
        if (suites) {
            head.add("suite");
        }
        head.addAll(
                List.of(
                        "edits",
                        "capability",
                        "metric",
                        "n",
                        a,
                        b,
                        "A − B",
                        pct + " CI",
                        "p",
                        "test",
                        "A✓ B✗",
                        "A✗ B✓",
                        "better"));
        table.add(head.toArray(String[]::new));
        List<String> notes = new ArrayList<>(skipped);
        for (ScenarioPair r : rows) {
            List<String> c = new ArrayList<>();
            if (suites) {
                c.add(r.suite());
            }
            c.add(Integer.toString(r.edits()));
            c.add(r.capability());
            c.add(r.metric());
            c.add(r.paired() ? Integer.toString(r.items()) : NONE);
            c.add(Thresholds.format(r.valueA()));
            c.add(Thresholds.format(r.valueB()));
            c.add(signed(r.difference()));
            c.add(r.paired() ? interval(r.differenceCi()) : NONE);
            c.add(r.paired() ? VerdictStatistics.formatP(r.p()) : NONE);
            c.add(r.paired() ? r.test() : NONE);
            c.add(r.aRightBWrong() == null ? NONE : r.aRightBWrong().toString());
            c.add(r.aWrongBRight() == null ? NONE : r.aWrongBRight().toString());
            c.add(r.better(a, b));
            table.add(c.toArray(String[]::new));
            String where = (suites ? r.suite() + " " : "") + r.edits() + " " + r.capability();
            r.notes().forEach(n -> notes.add(where + ": " + n));
        }
        if (markdown) {
            markdown(table);
        } else {
            aligned(table);
        }
        out.println((markdown ? "\n" : "") + summary(rows, a, b, level));
        if (!notes.isEmpty()) {
            out.println(markdown ? "\nNotes:\n" : "notes:");
            notes.forEach(n -> out.println((markdown ? "- " : "  ") + n));
        }
    }

    /** {@code A better on 3 rows, B on 1, no difference at 95% on 5, not paired on 2}. */
    static String summary(List<ScenarioPair> rows, String a, String b, double level) {
        Map<String, Long> by =
                rows.stream()
                        .collect(Collectors.groupingBy(r -> r.better(a, b), Collectors.counting()));
        String none = "no difference at " + Thresholds.percent(level);
        return a
                + " better on "
                + by.getOrDefault(a, 0L)
                + " rows, "
                + b
                + " on "
                + by.getOrDefault(b, 0L)
                + ", "
                + none
                + " on "
                + by.getOrDefault(none, 0L)
                + ", not paired on "
                + by.getOrDefault("not paired", 0L)
                + " (of "
                + rows.size()
                + "; each row is its own test: no correction for multiple comparisons)";
    }

    private void aligned(List<String[]> table) {
        int[] width = new int[table.get(0).length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(
                            " ".repeat(width[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            out.println(line);
        }
    }

    private void markdown(List<String[]> table) {
        for (int r = 0; r < table.size(); r++) {
            out.println("| " + String.join(" | ", table.get(r)) + " |");
            if (r == 0) {
                out.println("|" + " --- |".repeat(table.get(0).length));
            }
        }
    }

    private static String signed(double x) {
        return (x > 0 ? "+" : "") + Thresholds.format(x);
    }

    private static String interval(List<Double> ci) {
        return "[" + signed(ci.get(0)) + ", " + signed(ci.get(1)) + "]";
    }
}
