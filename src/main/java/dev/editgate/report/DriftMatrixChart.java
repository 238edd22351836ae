package dev.editgate.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The per-layer view of parameter drift when a scenario edits several tensors: a matrix with one
 * row per changed tensor (in layer order) and one column per checkpoint, each cell coloured by the
 * tensor's Pearson correlation with its unedited weights at that checkpoint (white at 1, dark red
 * at the lowest correlation found). Drawn with JFreeChart's {@link XYBlockRenderer}.
 */
public final class DriftMatrixChart {
    private DriftMatrixChart() {}

    /** The tensors {@code scenario} of {@code suite} changed, in layer order. */
    public static List<String> tensors(String suite, String scenario, List<DriftRecord> drift) {
        TreeSet<String> names = new TreeSet<>(DriftMatrixChart::byLayer);
        for (DriftRecord d : drift) {
            if (d.suite().equals(suite) && d.scenario().equals(scenario)) {
                names.add(d.tensor());
            }
        }
        return new ArrayList<>(names);
    }

    /** The matrix of one scenario; rows are {@link #tensors}, columns its checkpoints. */
    public static JFreeChart of(String suite, String scenario, List<DriftRecord> drift) {
        List<String> rows = tensors(suite, scenario, drift);
        Map<Integer, Map<String, Double>> byCheckpoint = new TreeMap<>();
        double lowest = 1;
        for (DriftRecord d : drift) {
            if (d.suite().equals(suite) && d.scenario().equals(scenario)) {
                byCheckpoint
                        .computeIfAbsent(d.editsApplied(), k -> new TreeMap<>())
                        .put(d.tensor(), d.pearson());
                lowest = Math.min(lowest, d.pearson());
            }
        }
        List<Integer> columns = new ArrayList<>(byCheckpoint.keySet());
        List<double[]> cells = new ArrayList<>();
        for (int x = 0; x < columns.size(); x++) {
            Map<String, Double> at = byCheckpoint.get(columns.get(x));
            for (int y = 0; y < rows.size(); y++) {
                Double v = at.get(rows.get(y));
                if (v != null) {
                    cells.add(new double[] {x, y, v});
                }
            }
        }
        double[][] series = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int k = 0; k < 3; k++) {
                series[k][i] = cells.get(i)[k];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("pearson", series);
        double low = lowest >= 1 ? 0.999 : lowest;
        LookupPaintScale scale = new LookupPaintScale(low, 1.0000001, Color.WHITE);
        int steps = 20;
        for (int i = 0; i < steps; i++) {
            double t = i / (double) steps;
            int shade = (int) Math.round(255 * t);
            scale.add(low + t * (1 - low), new Color(128 + shade / 2, shade, shade));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        SymbolAxis xAxis =
                new SymbolAxis(
                        "edits", columns.stream().map(String::valueOf).toArray(String[]::new));
        SymbolAxis yAxis = new SymbolAxis("tensor", rows.toArray(String[]::new));
        xAxis.setGridBandsVisible(false);
        yAxis.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.LIGHT_GRAY);
        JFreeChart chart =
                new JFreeChart(
                        "parameter correlation per tensor — " + suite + "/" + scenario,
                        JFreeChart.DEFAULT_TITLE_FONT,
                        plot,
                        false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = new NumberAxis("Pearson correlation with the unedited weights");
        legendAxis.setRange(low, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setSubdivisionCount(steps);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Orders tensor names by the first number in them (the layer), then by name. */
    private static int byLayer(String a, String b) {
        int c = Long.compare(layer(a), layer(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static long layer(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(name);
        return m.find() ? Long.parseLong(m.group()) : -1;
    }
}
