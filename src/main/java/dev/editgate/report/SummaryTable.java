package dev.editgate.report;

import dev.editgate.scenario.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run at a glance: for each suite, one row per scenario and checkpoint, one column per
 * capability: the value with its confidence interval, failures marked with {@code ✗}, values beyond
 * a bound but within noise with {@code ~}, gates with too few items with {@code !} (listed under
 * the table). The first row of each suite holds the baselines (one row per model when the suite has
 * a model matrix, named by the first scenario on that model); the suite's description, when it has
 * one, is the line under its name.
 */
public final class SummaryTable {
    private static final String WITHIN_NOISE = "within noise";

    private SummaryTable() {}

    /** The table as text lines (no trailing newline). Later records win over earlier duplicates. */
    public static String render(List<ResultRecord> records) {
        Map<String, List<ResultRecord>> bySuite = new LinkedHashMap<>();
        for (ResultRecord r : records) {
            bySuite.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<ResultRecord>> e : bySuite.entrySet()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(renderSuite(e.getKey(), e.getValue()));
        }
        Map<MeasurementKey, ResultRecord> latest = latest(records);
        long failed = latest.values().stream().filter(r -> !r.passed()).count();
        out.append('\n')
                .append(latest.size())
                .append(" measurements, ")
                .append(failed)
                .append(" failed");
        List<String> remarks = new ArrayList<>();
        for (ResultRecord r : latest.values()) {
            VerdictStatistics st = r.statistics();
            if (st == null) {
                continue;
            }
            String where =
                    r.suite() + "/" + r.scenario() + "/" + r.editsApplied() + "/" + r.capability();
            st.notes().stream()
                    .filter(n -> n.startsWith(WITHIN_NOISE))
                    .forEach(n -> remarks.add("  ~ " + where + ": " + n));
            st.warnings().forEach(w -> remarks.add("  ! " + where + ": " + w));
        }
        if (!remarks.isEmpty()) {
            out.append(
                            "\n[lo, hi]: confidence interval; ~ beyond a bound but within noise (passed);")
                    .append(" ! too few items to detect the threshold (min_items)");
            remarks.forEach(line -> out.append('\n').append(line));
        }
        return out.toString();
    }

    private static String renderSuite(String suite, List<ResultRecord> records) {
        Set<String> capabilities = new LinkedHashSet<>();
        Map<String, Map<String, ResultRecord>> rows = new LinkedHashMap<>();
        // the unedited model's values, per model (several with a model matrix)
        Map<String, Map<String, ResultRecord>> baselines = new LinkedHashMap<>();
        Map<String, String> firstScenario = new LinkedHashMap<>();
        for (ResultRecord r : latest(records).values()) {
            capabilities.add(r.capability());
            rows.computeIfAbsent(
                            r.scenario() + "\u0000" + r.editsApplied(), k -> new LinkedHashMap<>())
                    .put(r.capability(), r);
            String model = String.valueOf(r.modelHash());
            firstScenario.putIfAbsent(model, r.scenario());
            Map<String, ResultRecord> mine =
                    baselines.computeIfAbsent(model, k -> new LinkedHashMap<>());
            if (r.baseline() != null) {
                ResultRecord first = mine.get(r.capability());
                if (first == null || baselineCi(first) == null && baselineCi(r) != null) {
                    mine.put(r.capability(), r);
                }
            }
        }
        List<String[]> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("scenario", "edits"));
        header.addAll(capabilities);
        table.add(header.toArray(String[]::new));
        if (baselines.isEmpty()) {
            baselines.put("", Map.of());
        }
        for (var model : baselines.entrySet()) {
            String label =
                    baselines.size() == 1
                            ? "(baseline)"
                            : "(baseline of " + firstScenario.get(model.getKey()) + ")";
            List<String> base = new ArrayList<>(List.of(label, "0"));
            for (String c : capabilities) {
                ResultRecord b = model.getValue().get(c);
                base.add(
                        b == null
                                ? "-"
                                : Thresholds.format(b.baseline()) + interval(baselineCi(b)));
            }
            table.add(base.toArray(String[]::new));
        }
        rows.entrySet().stream()
                .sorted((a, b) -> compareRows(a.getKey(), b.getKey()))
                .forEach(
                        row -> {
                            String[] key = row.getKey().split("\u0000");
                            List<String> cells = new ArrayList<>(List.of(key[0], key[1]));
                            for (String c : capabilities) {
                                ResultRecord r = row.getValue().get(c);
                                cells.add(r == null ? "-" : cell(r));
                            }
                            table.add(cells.toArray(String[]::new));
                        });
        String description =
                records.stream()
                        .map(ResultRecord::suiteDescription)
                        .filter(d -> d != null && !d.isBlank())
                        .reduce((first, later) -> later)
                        .map(d -> "  " + String.join(" ", d.strip().lines().toList()) + "\n")
                        .orElse("");
        return "suite " + suite + "\n" + description + align(table);
    }

    /**
     * {@code 0.8 [0.6, 0.95] ✗ !}: value, interval, failed, within noise (~), too few items (!).
     */
    private static String cell(ResultRecord r) {
        StringBuilder s = new StringBuilder(Thresholds.format(r.value()));
        VerdictStatistics st = r.statistics();
        if (st != null) {
            s.append(interval(st.ci()));
        }
        if (!r.passed()) {
            s.append(" ✗");
        } else if (st != null && st.notes().stream().anyMatch(n -> n.startsWith(WITHIN_NOISE))) {
            s.append(" ~");
        }
        if (st != null && !st.warnings().isEmpty()) {
            s.append(" !");
        }
        return s.toString();
    }

    private static List<Double> baselineCi(ResultRecord r) {
        return r.statistics() == null ? null : r.statistics().baselineCi();
    }

    /** {@code " [0.6, 0.95]"} in three significant digits, or "" without an interval. */
    private static String interval(List<Double> ci) {
        if (ci == null) {
            return "";
        }
        return " [" + short3(ci.get(0)) + ", " + short3(ci.get(1)) + "]";
    }

    private static String short3(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return Thresholds.format(x);
        }
        return new java.math.BigDecimal(x)
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static int compareRows(String a, String b) {
        String[] x = a.split("\u0000");
        String[] y = b.split("\u0000");
        int c = x[0].compareTo(y[0]);
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    private static Map<MeasurementKey, ResultRecord> latest(List<ResultRecord> records) {
        Map<MeasurementKey, ResultRecord> out = new LinkedHashMap<>();
        for (ResultRecord r : records) {
            out.put(r.key(), r);
        }
        return out;
    }

    private static String align(List<String[]> table) {
        int columns = table.get(0).length;
        int[] width = new int[columns];
        for (String[] row : table) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == 0 ? "" : "  ")
                        .append(row[i])
                        .append(" ".repeat(width[i] - row[i].length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
