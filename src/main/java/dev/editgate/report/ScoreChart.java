package dev.editgate.report;

import dev.editgate.scenario.Thresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Score versus edits for one capability of one scenario: an SVG line chart with the baseline (edit
 * 0) and the threshold bounds drawn as dashed lines, each value's confidence interval as an error
 * bar and the baseline's as a grey band, plus the same numbers as CSV.
 */
public final class ScoreChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;

    private final String title;
    private final List<ResultRecord> points;
    private final Double baseline;
    private final Double lower;
    private final Double upper;
    private final List<Double> baselineCi;

    /**
     * @param points measurements of one scenario and capability, any order
     * @param thresholds the capability's bounds
     */
    public ScoreChart(String title, List<ResultRecord> points, Thresholds thresholds) {
        this.title = title;
        this.points = new ArrayList<>(points);
        this.points.sort(Comparator.comparingInt(ResultRecord::editsApplied));
        ResultRecord any = this.points.isEmpty() ? null : this.points.get(0);
        this.baseline = any == null ? null : any.baseline();
        Double[] bounds = thresholds.absoluteBounds(baseline, any == null || any.higherIsBetter());
        this.lower = bounds[0];
        this.upper = bounds[1];
        this.baselineCi =
                this.points.stream()
                        .map(ScoreChart::stats)
                        .filter(st -> st != null && st.baselineCi() != null)
                        .map(VerdictStatistics::baselineCi)
                        .findFirst()
                        .orElse(null);
    }

    private static VerdictStatistics stats(ResultRecord r) {
        return r.statistics();
    }

    private static List<Double> ci(ResultRecord r) {
        return r.statistics() == null ? null : r.statistics().ci();
    }

    /**
     * {@code edits,value,ci_low,ci_high,baseline,baseline_ci_low,baseline_ci_high,lower_bound,
     * upper_bound,verdict}, one row per measurement (empty cells where there is no interval).
     */
    public String csv() {
        StringBuilder out =
                new StringBuilder(
                        "edits,value,ci_low,ci_high,baseline,baseline_ci_low,baseline_ci_high,"
                                + "lower_bound,upper_bound,verdict\n");
        for (ResultRecord r : points) {
            List<Double> ci = ci(r);
            out.append(r.editsApplied())
                    .append(',')
                    .append(num(r.value()))
                    .append(',')
                    .append(num(ci == null ? null : ci.get(0)))
                    .append(',')
                    .append(num(ci == null ? null : ci.get(1)))
                    .append(',')
                    .append(num(baseline))
                    .append(',')
                    .append(num(baselineCi == null ? null : baselineCi.get(0)))
                    .append(',')
                    .append(num(baselineCi == null ? null : baselineCi.get(1)))
                    .append(',')
                    .append(num(lower))
                    .append(',')
                    .append(num(upper))
                    .append(',')
                    .append(r.verdict())
                    .append('\n');
        }
        return out.toString();
    }

    /** A self-contained SVG document. */
    public String svg() {
        int maxEdits = points.stream().mapToInt(ResultRecord::editsApplied).max().orElse(1);
        maxEdits = Math.max(1, maxEdits);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Double v : valuesToFit()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            lo = Double.isFinite(lo) ? lo - 1 : 0;
            hi = Double.isFinite(hi) ? hi + 1 : 1;
        }
        double pad = (hi - lo) * 0.08;
        lo -= pad;
        hi += pad;
        Plot plot = new Plot(maxEdits, lo, hi);
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                                + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\""
                                + " font-size=\"12\">\n",
                        WIDTH,
                        HEIGHT,
                        WIDTH,
                        HEIGHT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(text(WIDTH / 2.0, 20, "middle", escape(title), "font-size=\"14\""));
        axes(s, plot, maxEdits, lo, hi);
        if (baselineCi != null) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#888888\""
                                    + " fill-opacity=\"0.15\"><title>baseline interval %s</title></rect>\n",
                            LEFT,
                            plot.y(baselineCi.get(1)),
                            WIDTH - LEFT - RIGHT,
                            Math.max(0.5, plot.y(baselineCi.get(0)) - plot.y(baselineCi.get(1))),
                            VerdictStatistics.range(baselineCi)));
        }
        if (baseline != null) {
            hline(s, plot, baseline, "#888888", "baseline " + Thresholds.format(baseline));
        }
        if (lower != null) {
            hline(s, plot, lower, "#d62728", "min " + Thresholds.format(lower));
        }
        if (upper != null) {
            hline(s, plot, upper, "#d62728", "max " + Thresholds.format(upper));
        }
        StringBuilder line = new StringBuilder();
        if (baseline != null) {
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", plot.x(0), plot.y(baseline)));
        }
        for (ResultRecord r : points) {
            line.append(
                    String.format(
                            Locale.ROOT,
                            "%.1f,%.1f ",
                            plot.x(r.editsApplied()),
                            plot.y(r.value())));
        }
        s.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"")
                .append(line.toString().trim())
                .append("\"/>\n");
        for (ResultRecord r : points) {
            List<Double> ci = ci(r);
            if (ci != null) {
                errorBar(s, plot, r.editsApplied(), ci, r.passed() ? "#1f77b4" : "#d62728");
            }
        }
        for (ResultRecord r : points) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">"
                                    + "<title>%d edits: %s (%s)</title></circle>\n",
                            plot.x(r.editsApplied()),
                            plot.y(r.value()),
                            r.passed() ? "#1f77b4" : "#d62728",
                            r.editsApplied(),
                            Thresholds.format(r.value()),
                            r.verdict()));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void errorBar(
            StringBuilder s, Plot plot, int edits, List<Double> ci, String color) {
        double x = plot.x(edits);
        double top = plot.y(ci.get(1));
        double bottom = plot.y(ci.get(0));
        s.append(
                String.format(
                        Locale.ROOT,
                        "<path d=\"M%.1f,%.1fV%.1fM%.1f,%.1fH%.1fM%.1f,%.1fH%.1f\" stroke=\"%s\""
                                + " fill=\"none\"><title>interval %s</title></path>\n",
                        x,
                        top,
                        bottom,
                        x - 4,
                        top,
                        x + 4,
                        x - 4,
                        bottom,
                        x + 4,
                        color,
                        VerdictStatistics.range(ci)));
    }

    private List<Double> valuesToFit() {
        List<Double> v = new ArrayList<>();
        points.stream().map(ResultRecord::value).filter(Double::isFinite).forEach(v::add);
        points.stream().map(ScoreChart::ci).filter(c -> c != null).forEach(v::addAll);
        if (baselineCi != null) {
            v.addAll(baselineCi);
        }
        for (Double d : new Double[] {baseline, lower, upper}) {
            if (d != null && Double.isFinite(d)) {
                v.add(d);
            }
        }
        return v;
    }

    private static void axes(StringBuilder s, Plot plot, int maxEdits, double lo, double hi) {
        s.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"" + " stroke=\"black\"/>\n",
                        LEFT,
                        HEIGHT - BOTTOM,
                        WIDTH - RIGHT,
                        HEIGHT - BOTTOM));
        s.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"" + " stroke=\"black\"/>\n",
                        LEFT,
                        TOP,
                        LEFT,
                        HEIGHT - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            int e = Math.round(maxEdits * i / 4f);
            s.append(text(plot.x(e), HEIGHT - BOTTOM + 16, "middle", Integer.toString(e), ""));
            double v = lo + (hi - lo) * i / 4;
            s.append(text(LEFT - 6, plot.y(v) + 4, "end", Thresholds.format(v), ""));
        }
        s.append(text(WIDTH / 2.0, HEIGHT - 8, "middle", "edits applied", ""));
    }

    private static void hline(StringBuilder s, Plot plot, double v, String color, String label) {
        s.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                                + " stroke=\"%s\" stroke-dasharray=\"6,4\"/>\n",
                        LEFT,
                        plot.y(v),
                        WIDTH - RIGHT,
                        plot.y(v),
                        color));
        s.append(
                text(
                        WIDTH - RIGHT - 4,
                        plot.y(v) - 4,
                        "end",
                        escape(label),
                        "fill=\"" + color + "\""));
    }

    private static String text(double x, double y, String anchor, String body, String extra) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s" + "</text>\n",
                x,
                y,
                anchor,
                extra,
                body);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String num(Double d) {
        return d == null ? "" : Double.toString(d);
    }

    /** Data to pixel coordinates. */
    private record Plot(int maxEdits, double lo, double hi) {
        double x(int edits) {
            return LEFT + (WIDTH - LEFT - RIGHT) * (double) edits / maxEdits;
        }

        double y(double value) {
            return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value - lo) / (hi - lo);
        }
    }
}
