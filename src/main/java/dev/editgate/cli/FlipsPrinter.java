package dev.editgate.cli;

import dev.editgate.bench.ItemRecord;
import dev.editgate.report.Flips;
import dev.editgate.report.ItemRecords;
import dev.editgate.report.RunDirectory;
import dev.editgate.report.VerdictStatistics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code editgate report --flips CAPABILITY}: for each scenario of a run that measured the
 * capability, the items whose verdict flipped between two checkpoints (0 = the unedited model),
 * read from the run's {@code items/} folder.
 */
final class FlipsPrinter {
    private final RunDirectory run;
    private final PrintStream out;

    FlipsPrinter(RunDirectory run, PrintStream out) {
        this.run = run;
        this.out = out;
    }

    /**
     * @param to the later checkpoint, or null for the last one measured
     * @return how many scenarios were printed
     */
    int print(String capability, String suiteFilter, String scenarioFilter, int from, Integer to)
            throws IOException {
        Path items = run.items();
        if (!Files.isDirectory(items)) {
            return 0;
        }
        int printed = 0;
        for (Path suite : list(items)) {
            String suiteId = suite.getFileName().toString();
            if (suiteFilter != null && !suiteFilter.equals(suiteId)) {
                continue;
            }
            for (Path scenario : list(suite)) {
                String scenarioId = scenario.getFileName().toString();
                boolean baselineFolder = scenario.equals(baselineDir(suiteId, capability));
                if (baselineFolder
                        || scenarioFilter != null && !scenarioFilter.equals(scenarioId)) {
                    continue;
                }
                TreeSet<Integer> checkpoints = checkpoints(suiteId, scenarioId, capability);
                if (checkpoints.isEmpty()) {
                    continue;
                }
                int later = to != null ? to : checkpoints.last();
                Optional<Path> a = itemsAt(suiteId, scenarioId, capability, from);
                Optional<Path> b = itemsAt(suiteId, scenarioId, capability, later);
                String head = capability + ", " + suiteId + "/" + scenarioId + ": ";
                if (a.isEmpty() || b.isEmpty()) {
                    out.println(
                            head
                                    + "no items at "
                                    + (a.isEmpty() ? from : later)
                                    + " edits (measured: "
                                    + (from == 0 ? "0, " : "")
                                    + checkpoints
                                    + ")");
                    continue;
                }
                printed++;
                print(
                        head + from + " → " + later + " edits",
                        Flips.between(ItemRecords.read(a.get()), ItemRecords.read(b.get())));
            }
        }
        return printed;
    }

    private void print(String head, Flips f) {
        out.println(
                head
                        + ": "
                        + f.paired()
                        + " paired items"
                        + (f.unpaired() > 0 ? " (" + f.unpaired() + " unpaired)" : ""));
        if (f.flipped().isEmpty() && !f.changed().isEmpty()) {
            out.println(
                    "  no verdict flipped; scores changed on " + f.changed().size() + " items:");
            f.changed().stream()
                    .limit(20)
                    .forEach(
                            c ->
                                    out.printf(
                                            "  %s  %s → %s%n",
                                            c.after().id(),
                                            c.before().prediction(),
                                            c.after().prediction()));
            return;
        }
        out.println(
                "  "
                        + f.rightToWrong()
                        + " right→wrong, "
                        + f.wrongToRight()
                        + " wrong→right; exact McNemar, one-sided p (more got wrong) = "
                        + VerdictStatistics.formatP(f.pWorse()));
        for (Flips.Change c : f.flipped()) {
            ItemRecord b = c.before();
            ItemRecord a = c.after();
            out.printf(
                    "  %s %s%s  %s → %s  (reference %s)  %s%n",
                    c.worse() ? "−" : "+",
                    a.id(),
                    a.group() == null ? "" : " [" + a.group() + "]",
                    oneLine(b.prediction(), 40),
                    oneLine(a.prediction(), 40),
                    oneLine(a.reference(), 30),
                    oneLine(tail(a.prompt(), 70), 70));
        }
    }

    private TreeSet<Integer> checkpoints(String suite, String scenario, String capability)
            throws IOException {
        TreeSet<Integer> out = new TreeSet<>();
        String suffix =
                run.items(suite, scenario, 0, capability)
                        .getFileName()
                        .toString()
                        .substring(1); // "-<capability>.jsonl"
        for (Path f : list(run.scenarioItems(suite, scenario))) {
            String name = f.getFileName().toString();
            if (name.endsWith(suffix)) {
                try {
                    out.add(Integer.parseInt(name.substring(0, name.length() - suffix.length())));
                } catch (NumberFormatException e) {
                    // another capability whose id ends like this one's
                }
            }
        }
        return out;
    }

    private Optional<Path> itemsAt(String suite, String scenario, String capability, int edits) {
        Path f =
                edits == 0
                        ? run.baselineItems(suite, capability)
                        : run.items(suite, scenario, edits, capability);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private Path baselineDir(String suite, String capability) {
        return run.baselineItems(suite, capability).getParent();
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    private static String tail(String s, int n) {
        String t = s.strip();
        return t.length() <= n ? t : "…" + t.substring(t.length() - n);
    }

    private static String oneLine(String s, int max) {
        String t = s == null ? "" : s.replace("\n", "⏎");
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }
}
