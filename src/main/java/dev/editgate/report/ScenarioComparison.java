package dev.editgate.report;

import dev.editgate.bench.ItemRecord;
import dev.editgate.stats.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code editgate report --compare A,B}: two scenarios of one run compared capability by capability
 * at every checkpoint both measured, on the same items ({@link ScenarioPair}). Reads the run's
 * {@code results.jsonl} records and its {@code items/} folder; writes nothing.
 */
public final class ScenarioComparison {
    private ScenarioComparison() {}

    /** Bad input (an unknown suite or scenario, no common checkpoint): the message says what is. */
    public static final class InvalidComparison extends RuntimeException {
        InvalidComparison(String message) {
            super(message);
        }
    }

    /**
     * The rows, by suite, checkpoint and capability (in the order the run measured them).
     *
     * @param suite only this suite, or null for every suite that holds both scenarios
     * @param edits only this checkpoint, or null for every one both scenarios measured
     * @param notes receives what is not compared: checkpoints and capabilities only one measured
     * @throws InvalidComparison naming what the run holds
     */
    public static List<ScenarioPair> compare(
            RunDirectory run,
            List<ResultRecord> records,
            String a,
            String b,
            String suite,
            Integer edits,
            double level,
            Bootstrap bootstrap,
            List<String> notes) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidComparison("--confidence must lie in (0, 1), got " + level);
        }
        if (a.equals(b)) {
            throw new InvalidComparison(
                    "--compare needs two different scenarios, got " + a + " twice");
        }
        // (suite, scenario) → (edits, capability) → the last record measured
        Map<String, Map<String, Map<String, ResultRecord>>> bySuite = new LinkedHashMap<>();
        for (ResultRecord r : records) {
            if (r.bisect() != null || RunDirectory.BASELINE_SCENARIO.equals(r.scenario())) {
                continue;
            }
            bySuite.computeIfAbsent(r.suite(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.scenario(), k -> new LinkedHashMap<>())
                    .put(r.editsApplied() + "\u0000" + r.capability(), r);
        }
        if (suite != null && !bySuite.containsKey(suite)) {
            throw new InvalidComparison(
                    "suite "
                            + suite
                            + " is not in run "
                            + run.runId()
                            + "; it holds "
                            + bySuite.keySet());
        }
        List<String> suites = new ArrayList<>();
        for (var e : bySuite.entrySet()) {
            if (suite != null && !suite.equals(e.getKey())) {
                continue;
            }
            Set<String> held = e.getValue().keySet();
            for (String s : List.of(a, b)) {
                if (!held.contains(s) && (suite != null || bySuite.size() == 1)) {
                    throw new InvalidComparison(
                            "scenario "
                                    + s
                                    + " is not in run "
                                    + run.runId()
                                    + " (suite "
                                    + e.getKey()
                                    + "); it holds "
                                    + String.join(", ", held));
                }
            }
            if (held.contains(a) && held.contains(b)) {
                suites.add(e.getKey());
            }
        }
        if (suites.isEmpty()) {
            Set<String> all = new LinkedHashSet<>();
            bySuite.values().forEach(m -> all.addAll(m.keySet()));
            throw new InvalidComparison(
                    "no suite of run "
                            + run.runId()
                            + " holds both "
                            + a
                            + " and "
                            + b
                            + "; it holds "
                            + String.join(", ", all));
        }
        List<ScenarioPair> rows = new ArrayList<>();
        for (String s : suites) {
            rows.addAll(
                    rows(
                            run,
                            s,
                            suites.size(),
                            bySuite.get(s),
                            a,
                            b,
                            edits,
                            level,
                            bootstrap,
                            notes));
        }
        return rows;
    }

    private static List<ScenarioPair> rows(
            RunDirectory run,
            String suite,
            int suites,
            Map<String, Map<String, ResultRecord>> scenarios,
            String a,
            String b,
            Integer edits,
            double level,
            Bootstrap bootstrap,
            List<String> notes) {
        for (String s : List.of(a, b)) {
            if (!Files.isDirectory(run.scenarioItems(suite, s))) {
                throw new InvalidComparison(
                        "scenario "
                                + s
                                + " of suite "
                                + suite
                                + " has no item records ("
                                + run.scenarioItems(suite, s)
                                + " is missing); scenarios with records: "
                                + String.join(", ", withItems(run, suite, scenarios.keySet())));
            }
        }
        Map<String, ResultRecord> ra = scenarios.get(a);
        Map<String, ResultRecord> rb = scenarios.get(b);
        TreeSet<Integer> common = checkpoints(ra);
        common.retainAll(checkpoints(rb));
        if (edits != null && !common.contains(edits)) {
            throw new InvalidComparison(
                    "--edits "
                            + edits
                            + ": "
                            + a
                            + " and "
                            + b
                            + " of suite "
                            + suite
                            + " were both measured at "
                            + (common.isEmpty() ? "no checkpoint" : common + " edits"));
        }
        String where = suites > 1 ? suite + " " : "";
        if (edits == null) {
            oneSided(where, a, checkpoints(ra), common, "checkpoints", notes);
            oneSided(where, b, checkpoints(rb), common, "checkpoints", notes);
        }
        List<ScenarioPair> out = new ArrayList<>();
        for (int n : edits != null ? List.of(edits) : common) {
            oneSided(where + n + " edits", a, capabilities(ra, n), capabilities(rb, n), "", notes);
            oneSided(where + n + " edits", b, capabilities(rb, n), capabilities(ra, n), "", notes);
            for (ResultRecord x : ra.values()) {
                ResultRecord y = rb.get(n + "\u0000" + x.capability());
                if (x.editsApplied() != n || y == null) {
                    continue;
                }
                out.add(
                        ScenarioPair.of(
                                x,
                                items(run.items(suite, a, n, x.capability())),
                                y,
                                items(run.items(suite, b, n, y.capability())),
                                level,
                                bootstrap));
            }
        }
        return out;
    }

    /** A note naming what only {@code side} measured, if anything. */
    private static void oneSided(
            String where,
            String side,
            Set<?> mine,
            Set<?> theirs,
            String what,
            List<String> notes) {
        List<String> only =
                mine.stream().filter(x -> !theirs.contains(x)).map(String::valueOf).toList();
        if (!only.isEmpty()) {
            notes.add(
                    (where.isEmpty() ? "" : where + ": ")
                            + (what.isEmpty() ? "" : what + " ")
                            + "measured by "
                            + side
                            + " only, not compared: "
                            + String.join(", ", only));
        }
    }

    private static TreeSet<Integer> checkpoints(Map<String, ResultRecord> records) {
        TreeSet<Integer> out = new TreeSet<>();
        records.values().forEach(r -> out.add(r.editsApplied()));
        return out;
    }

    private static Set<String> capabilities(Map<String, ResultRecord> records, int edits) {
        Set<String> out = new LinkedHashSet<>();
        records.values().stream()
                .filter(r -> r.editsApplied() == edits)
                .forEach(r -> out.add(r.capability()));
        return out;
    }

    private static List<ItemRecord> items(Path file) {
        return Files.isRegularFile(file) ? ItemRecords.read(file) : null;
    }

    private static List<String> withItems(RunDirectory run, String suite, Set<String> scenarios) {
        List<String> out = new ArrayList<>();
        for (String s : scenarios) {
            if (Files.isDirectory(run.scenarioItems(suite, s))) {
                out.add(s);
            }
        }
        return out;
    }
}
