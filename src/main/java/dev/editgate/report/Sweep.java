package dev.editgate.report;

import dev.editgate.scenario.MatrixPoint;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenarios one {@code matrix:} entry of a suite expanded into, in suite order: what a sweep
 * report draws, one series per point.
 *
 * @param suite the suite's id
 * @param base the id written in the suite, before expansion
 * @param keys the matrix keys, in the order written
 * @param points one per expanded scenario
 */
public record Sweep(String suite, String base, List<String> keys, List<Point> points) {

    public Sweep {
        keys = List.copyOf(keys);
        points = List.copyOf(points);
    }

    /**
     * One expanded scenario.
     *
     * @param scenario its id ({@code rome-l[5]})
     * @param label its part of the id after the base ({@code l[5]}), the name of its series
     */
    public record Point(String scenario, String label, MatrixPoint matrix) {}

    /** The suite's sweeps, one per scenario with a {@code matrix:}, in suite order. */
    public static List<Sweep> of(Suite suite) {
        Map<String, List<ScenarioSpec>> byBase = new LinkedHashMap<>();
        for (ScenarioSpec s : suite.scenarios()) {
            if (s.matrix() != null) {
                byBase.computeIfAbsent(s.matrix().base(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Sweep> out = new ArrayList<>();
        byBase.forEach(
                (base, specs) -> {
                    List<Point> points = new ArrayList<>();
                    for (ScenarioSpec s : specs) {
                        points.add(
                                new Point(
                                        s.id(),
                                        String.join("-", s.matrix().labels().values()),
                                        s.matrix()));
                    }
                    List<String> keys = List.copyOf(specs.get(0).matrix().values().keySet());
                    out.add(new Sweep(suite.id(), base, keys, points));
                });
        return out;
    }

    /**
     * The sweeps of a finished run, from its records alone (each expanded scenario's {@code matrix}
     * origin): per suite and base, the points in the order first recorded, which for a run is the
     * suite's order. Points that recorded nothing are not known here.
     */
    public static List<Sweep> of(List<ResultRecord> records) {
        Map<List<String>, Map<String, Point>> byBase = new LinkedHashMap<>();
        for (ResultRecord r : records) {
            MatrixOrigin m = r.matrix();
            if (m != null) {
                byBase.computeIfAbsent(List.of(r.suite(), m.base()), k -> new LinkedHashMap<>())
                        .putIfAbsent(
                                r.scenario(),
                                new Point(
                                        r.scenario(),
                                        String.join("-", m.labels().values()),
                                        m.point()));
            }
        }
        List<Sweep> out = new ArrayList<>();
        byBase.forEach(
                (key, points) -> {
                    List<Point> list = List.copyOf(points.values());
                    List<String> keys = List.copyOf(list.get(0).matrix().values().keySet());
                    out.add(new Sweep(key.get(0), key.get(1), keys, list));
                });
        return out;
    }

    /** The capabilities measured in any point of this sweep, in the order first recorded. */
    public List<String> capabilities(List<ResultRecord> records) {
        List<String> out = new ArrayList<>();
        for (ResultRecord r : mine(records)) {
            if (!out.contains(r.capability())) {
                out.add(r.capability());
            }
        }
        return out;
    }

    /** The records of this sweep's scenarios (the latest per scenario, edits and capability). */
    public List<ResultRecord> mine(List<ResultRecord> records) {
        Map<String, ResultRecord> latest = new LinkedHashMap<>();
        for (ResultRecord r : records) {
            if (r.suite().equals(suite) && point(r.scenario()) != null) {
                latest.put(r.scenario() + "|" + r.editsApplied() + "|" + r.capability(), r);
            }
        }
        return new ArrayList<>(latest.values());
    }

    /** The point of {@code scenario}, or null when it is not in this sweep. */
    public Point point(String scenario) {
        return points.stream().filter(p -> p.scenario().equals(scenario)).findFirst().orElse(null);
    }

    /**
     * A capability's values per point, edits → value, with the unedited model's value at 0 edits
     * when the records carry a baseline. Points without a measurement are left out.
     */
    public Map<Point, TreeMap<Integer, Double>> series(
            String capability, List<ResultRecord> records) {
        Map<Point, TreeMap<Integer, Double>> out = new LinkedHashMap<>();
        List<ResultRecord> mine = mine(records);
        for (Point p : points) {
            TreeMap<Integer, Double> values = new TreeMap<>();
            for (ResultRecord r : mine) {
                if (r.scenario().equals(p.scenario()) && r.capability().equals(capability)) {
                    if (r.baseline() != null) {
                        values.put(0, r.baseline());
                    }
                    values.put(r.editsApplied(), r.value());
                }
            }
            if (!values.isEmpty()) {
                out.put(p, values);
            }
        }
        return out;
    }
}
