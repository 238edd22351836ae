package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.scenario.MatrixPoint;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.SourcePosition;
import dev.editgate.scenario.Suite;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The sweep report's charts (SVG that parses, one series per matrix value), tables and files. */
class SweepReportTest {
    @TempDir Path dir;

    private static final SourcePosition AT = new SourcePosition(Path.of("s.yaml"), 1, 1);

    private static ScenarioSpec point(String layers) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("layers", List.of(Integer.parseInt(layers)));
        MatrixPoint m =
                new MatrixPoint(
                        "rome",
                        values,
                        Map.of("layers", "[" + layers + "]"),
                        Map.of("layers", "l[" + layers + "]"));
        return new ScenarioSpec("rome-l[" + layers + "]", "rome", values, AT, Map.of(), null, m);
    }

    private static Suite suite() {
        return new Suite(
                "study",
                "",
                Path.of("s.yaml"),
                AT,
                null,
                null,
                List.of(),
                List.of(
                        point("2"),
                        point("5"),
                        point("9"),
                        new ScenarioSpec("plain", "ft", Map.of(), AT)),
                List.of(),
                List.of());
    }

    private static ResultRecord record(String scenario, int edits, String capability, double v) {
        return new ResultRecord(
                "r",
                "study",
                scenario,
                "rome",
                "h",
                "m",
                edits,
                capability,
                "perplexity",
                "perplexity",
                v,
                3.0,
                false,
                Map.of("max_ratio_to_baseline", 1.5),
                v > 4.5 ? ResultRecord.FAIL : ResultRecord.PASS,
                null,
                0,
                "t");
    }

    private static List<ResultRecord> records() {
        List<ResultRecord> out = new ArrayList<>();
        for (String s : List.of("rome-l[2]", "rome-l[5]", "rome-l[9]", "plain")) {
            out.add(record(s, 10, "lm", 3.5));
            out.add(record(s, 20, "lm", s.contains("5") ? 6.0 : 4.0));
        }
        return out;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // offline: JFreeSVG's DOCTYPE names the SVG 1.0 DTD on w3.org
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The chart's series names, in order. */
    private static List<String> seriesKeys(org.jfree.chart.JFreeChart chart) {
        List<String> out = new ArrayList<>();
        var data = chart.getXYPlot().getDataset();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            out.add(String.valueOf(data.getSeriesKey(i)));
        }
        return out;
    }

    /** How often {@code text} is a text element of the SVG (a legend entry is one). */
    private static long count(Document d, String text) {
        return texts(d).stream().filter(text::equals).count();
    }

    private static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        NodeList n = d.getElementsByTagName("text");
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void aCapabilityChartHasOneSeriesPerMatrixValue() throws Exception {
        Sweep sweep = Sweep.of(suite()).get(0);
        assertThat(sweep.points())
                .extracting(Sweep.Point::label)
                .containsExactly("l[2]", "l[5]", "l[9]");

        var chart = SweepCharts.capability(sweep, "lm", records());
        Document d = parse(SweepCharts.svg(chart));

        assertThat(seriesKeys(chart)).containsExactly("l[2]", "l[5]", "l[9]");
        assertThat(chart.getXYPlot().getDataset().getItemCount(1)).isEqualTo(3); // 0, 10, 20
        assertThat(chart.getXYPlot().getRangeAxis().getLabel()).isEqualTo("perplexity");
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(texts(d))
                .contains("lm vs edits — study/rome (by layers)", "edits")
                .doesNotContain("plain");
        for (String label : List.of("l[2]", "l[5]", "l[9]")) {
            assertThat(count(d, label)).as("legend entry %s", label).isEqualTo(1);
        }
        assertThat(sweep.series("lm", records()).values())
                .allSatisfy(v -> assertThat(v).containsKeys(0, 10, 20).containsEntry(0, 3.0));
    }

    @Test
    void tablesHaveARowPerPointAndMarkFailures() {
        Sweep sweep = Sweep.of(suite()).get(0);
        String md = SweepTables.markdown(sweep, records());

        assertThat(md)
                .contains("### study/rome after 10 edits")
                .contains("### study/rome after 20 edits")
                .contains("| scenario | layers | lm (perplexity) |")
                .contains("| unedited | | 3 |")
                .contains("| rome-l[5] | [5] | 6 ✗ |")
                .contains("| rome-l[9] | [9] | 4 |")
                .doesNotContain("plain");
        assertThat(SweepTables.csv(sweep, records()))
                .startsWith("scenario,layers,edits,capability,metric,value,baseline,verdict\n")
                .contains("rome-l[5],[5],20,lm,perplexity,6.0,3.0,fail\n");
    }

    @Test
    void driftChartsAndTheDriftMatrixComeFromTheDriftLog() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("r"));
        Files.createDirectories(run.path());
        StringBuilder log = new StringBuilder();
        for (int edits : List.of(10, 20)) {
            for (String s : List.of("rome-l[2]", "rome-l[5]", "rome-l[9]")) {
                String layer = s.replaceAll("\\D", "");
                log.append(
                        drift(s, edits, "model.layers." + layer + ".mlp.down_proj.weight", 0.99));
            }
            for (int layer : List.of(10, 2)) {
                log.append(
                        drift(
                                "plain",
                                edits,
                                "model.layers." + layer + ".mlp.down_proj.weight",
                                1 - edits / 100.0 * layer));
            }
        }
        Files.writeString(run.drift(), log);

        List<Path> files = SweepReport.write(run, suite(), records());

        Path sweepDir = run.sweep("study", "rome");
        assertThat(files)
                .contains(
                        sweepDir.resolve("lm.svg"),
                        sweepDir.resolve("drift.svg"),
                        sweepDir.resolve("tables.md"),
                        sweepDir.resolve("results.csv"),
                        run.driftMatrix("study", "plain"));
        assertThat(run.driftMatrix("study", "rome-l[2]")).doesNotExist(); // one tensor only
        Document drift = parse(Files.readString(sweepDir.resolve("drift.svg")));
        for (String label : List.of("l[2]", "l[5]", "l[9]")) {
            assertThat(count(drift, label)).as("legend entry %s", label).isEqualTo(1);
        }
        assertThat(
                        seriesKeys(
                                SweepCharts.drift(
                                        Sweep.of(suite()).get(0), DriftRecord.read(run.drift()))))
                .containsExactly("l[2]", "l[5]", "l[9]");
        Document matrix = parse(Files.readString(run.driftMatrix("study", "plain")));
        assertThat(texts(matrix))
                .contains("parameter correlation per tensor — study/plain")
                .contains(
                        "model.layers.2.mlp.down_proj.weight",
                        "model.layers.10.mlp.down_proj.weight")
                .contains("10", "20");
        assertThat(DriftMatrixChart.tensors("study", "plain", DriftRecord.read(run.drift())))
                .containsExactly(
                        "model.layers.2.mlp.down_proj.weight",
                        "model.layers.10.mlp.down_proj.weight");
    }

    private static String drift(String scenario, int edits, String tensor, double pearson) {
        return "{\"suite\":\"study\",\"scenario\":\""
                + scenario
                + "\",\"method\":\"rome\",\"edits_applied\":"
                + edits
                + ",\"tensor\":\""
                + tensor
                + "\",\"pearson\":"
                + pearson
                + ",\"relative_change\":0.1}\n";
    }
}
