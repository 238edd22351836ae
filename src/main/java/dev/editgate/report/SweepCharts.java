package dev.editgate.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The study's sweep figures as JFreeChart line charts, written as SVG by JFreeSVG: a capability
 * versus edits with one series per matrix value (Lin et al. 2024, Figures 4 and 5), and the edited
 * tensors' correlation with their originals versus edits, one series per matrix value and tensor
 * (Figure 6).
 */
public final class SweepCharts {
    static final int WIDTH = 720;
    static final int HEIGHT = 400;

    private SweepCharts() {}

    /**
     * {@code capability} versus edits, a series per point of {@code sweep} (named by its label,
     * e.g. {@code l[5]}), starting at the unedited model's value at 0 edits.
     */
    public static JFreeChart capability(
            Sweep sweep, String capability, List<ResultRecord> records) {
        XYSeriesCollection data = new XYSeriesCollection();
        String metric = "value";
        for (var e : sweep.series(capability, records).entrySet()) {
            data.addSeries(series(e.getKey().label(), e.getValue()));
        }
        for (ResultRecord r : sweep.mine(records)) {
            if (r.capability().equals(capability)) {
                metric = r.metric();
                break;
            }
        }
        return lines(
                capability + " vs edits — " + sweep.suite() + "/" + sweep.base() + keys(sweep),
                metric,
                data);
    }

    /**
     * Pearson correlation of each edited tensor with its original versus edits (1 at 0 edits), a
     * series per point and tensor ({@code l[5] model.layers.5.mlp.down_proj.weight}); the tensor is
     * left out of the name when each point changed one.
     */
    public static JFreeChart drift(Sweep sweep, List<DriftRecord> drift) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Sweep.Point p : sweep.points()) {
            Map<String, TreeMap<Integer, Double>> byTensor = new TreeMap<>();
            for (DriftRecord d : drift) {
                if (d.suite().equals(sweep.suite()) && d.scenario().equals(p.scenario())) {
                    byTensor.computeIfAbsent(d.tensor(), k -> new TreeMap<>(Map.of(0, 1.0)))
                            .put(d.editsApplied(), d.pearson());
                }
            }
            byTensor.forEach(
                    (tensor, values) ->
                            data.addSeries(
                                    series(
                                            byTensor.size() == 1
                                                    ? p.label()
                                                    : p.label() + " " + tensor,
                                            values)));
        }
        return lines(
                "parameter correlation vs edits — "
                        + sweep.suite()
                        + "/"
                        + sweep.base()
                        + keys(sweep),
                "Pearson correlation with the unedited weights",
                data);
    }

    /** The chart as a standalone SVG document. */
    public static String svg(JFreeChart chart) {
        return svg(chart, WIDTH, HEIGHT);
    }

    /** The chart as a standalone SVG document of the given size. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(
                "eg"); // JFreeSVG's default holds the clock: a redrawn chart would differ
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument();
    }

    private static String keys(Sweep sweep) {
        return " (by " + String.join(", ", sweep.keys()) + ")";
    }

    private static XYSeries series(String name, TreeMap<Integer, Double> values) {
        XYSeries s = new XYSeries(name, false, true);
        values.forEach((edits, v) -> s.add((double) edits, Double.isFinite(v) ? v : null));
        return s;
    }

    private static JFreeChart lines(String title, String yLabel, XYSeriesCollection data) {
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        title, "edits", yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getDomainAxis())
                .setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
