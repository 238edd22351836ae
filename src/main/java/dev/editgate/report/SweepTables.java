package dev.editgate.report;

import dev.editgate.scenario.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A sweep's numbers as Markdown tables, one per checkpoint (Lin et al. 2024, Tables 1-3 style): one
 * row per matrix point (the unedited model first), a column per matrix key and per capability; a
 * failed threshold is marked {@code ✗}. And the same numbers as CSV, one row per measurement.
 */
public final class SweepTables {
    private SweepTables() {}

    /** One table per checkpoint measured in the sweep, in edit order. */
    public static String markdown(Sweep sweep, List<ResultRecord> records) {
        List<ResultRecord> mine = sweep.mine(records);
        List<String> capabilities = sweep.capabilities(records);
        Map<String, String> metrics = new TreeMap<>();
        // the unedited model's values, per model of a model matrix ("" for the suite's one model)
        Map<String, Map<String, Double>> baselines = new java.util.LinkedHashMap<>();
        for (Sweep.Point p : sweep.points()) {
            baselines.putIfAbsent(model(p), new TreeMap<>());
        }
        TreeSet<Integer> checkpoints = new TreeSet<>();
        for (ResultRecord r : mine) {
            metrics.putIfAbsent(r.capability(), r.metric());
            Sweep.Point point = sweep.point(r.scenario());
            if (r.baseline() != null && point != null) {
                baselines.get(model(point)).putIfAbsent(r.capability(), r.baseline());
            }
            checkpoints.add(r.editsApplied());
        }
        StringBuilder md = new StringBuilder();
        for (int edits : checkpoints) {
            md.append("### ")
                    .append(sweep.suite())
                    .append('/')
                    .append(sweep.base())
                    .append(" after ")
                    .append(edits)
                    .append(edits == 1 ? " edit\n\n" : " edits\n\n");
            md.append("| scenario |");
            sweep.keys().forEach(k -> md.append(' ').append(k).append(" |"));
            capabilities.forEach(
                    c ->
                            md.append(' ')
                                    .append(c)
                                    .append(" (")
                                    .append(metrics.get(c))
                                    .append(") |"));
            md.append("\n|").append(" --- |".repeat(1 + sweep.keys().size() + capabilities.size()));
            md.append('\n');
            baselines.forEach(
                    (model, values) -> {
                        md.append(model.isEmpty() ? "| unedited |" : "| unedited " + model + " |");
                        sweep.keys()
                                .forEach(
                                        k ->
                                                md.append(
                                                        k.equals(MODEL) && !model.isEmpty()
                                                                ? " " + model + " |"
                                                                : " |"));
                        capabilities.forEach(
                                c ->
                                        md.append(' ')
                                                .append(format(values.get(c), null))
                                                .append(" |"));
                        md.append('\n');
                    });
            for (Sweep.Point p : sweep.points()) {
                md.append("| ").append(p.scenario()).append(" |");
                sweep.keys()
                        .forEach(
                                k -> md.append(' ').append(p.matrix().texts().get(k)).append(" |"));
                for (String c : capabilities) {
                    ResultRecord r = find(mine, p.scenario(), edits, c);
                    md.append(' ')
                            .append(r == null ? "" : format(r.value(), r.verdict()))
                            .append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * {@code scenario,<keys>,edits,capability,metric,value,baseline,verdict}, one row a
     * measurement.
     */
    public static String csv(Sweep sweep, List<ResultRecord> records) {
        StringBuilder out = new StringBuilder("scenario,");
        sweep.keys().forEach(k -> out.append(k).append(','));
        out.append("edits,capability,metric,value,baseline,verdict\n");
        for (Sweep.Point p : sweep.points()) {
            for (ResultRecord r : sweep.mine(records)) {
                if (!r.scenario().equals(p.scenario())) {
                    continue;
                }
                out.append(p.scenario()).append(',');
                sweep.keys().forEach(k -> out.append(quote(p.matrix().texts().get(k))).append(','));
                out.append(r.editsApplied())
                        .append(',')
                        .append(r.capability())
                        .append(',')
                        .append(r.metric())
                        .append(',')
                        .append(r.value())
                        .append(',')
                        .append(r.baseline() == null ? "" : r.baseline())
                        .append(',')
                        .append(r.verdict())
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** The {@link dev.editgate.scenario.MatrixPoint} key of a model matrix's models. */
    static final String MODEL = "model";

    /** The point's model in a model matrix, or "" on the suite's one model. */
    private static String model(Sweep.Point p) {
        String m = p.matrix().texts().get(MODEL);
        return m == null ? "" : m;
    }

    private static String quote(String text) {
        return text.contains(",") ? "\"" + text + "\"" : text;
    }

    private static ResultRecord find(
            List<ResultRecord> records, String scenario, int edits, String capability) {
        for (ResultRecord r : records) {
            if (r.scenario().equals(scenario)
                    && r.editsApplied() == edits
                    && r.capability().equals(capability)) {
                return r;
            }
        }
        return null;
    }

    private static String format(Double value, String verdict) {
        if (value == null) {
            return "";
        }
        String v = Double.isFinite(value) ? Thresholds.format(value) : "n/a";
        return ResultRecord.PASS.equals(verdict) || verdict == null ? v : v + " ✗";
    }
}
