package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link JunitMerge} on hand-written shard files: a testcase is placed by its scenario whichever
 * Surefire name carries it, a suite's own failure reported by two shards is kept once after that
 * suite's scenarios, an invalid suite file goes where discovery found it, counts are recounted, and
 * a file that is not XML is named with line and column.
 */
class JunitMergeTest {
    @TempDir Path dir;

    private RunDirectory shard(String name, String cases) throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve(name));
        Files.createDirectories(run.junit().getParent());
        Files.writeString(
                run.junit(),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"editgate\""
                        + " tests=\"9\" time=\"1.5\" timestamp=\"2026-12-03T12:00:0"
                        + name.length()
                        + "Z\">\n"
                        + cases
                        + "</testsuite>\n");
        return run;
    }

    private static String testcase(String cls, String name, String body) {
        return "<testcase classname=\""
                + cls
                + "\" name=\""
                + name
                + "\" time=\"0.1\">"
                + body
                + "</testcase>\n";
    }

    @Test
    void ordersBySelectionKeepsASuitesFailureOnceAndRecounts() throws Exception {
        String suiteDown = "<error message=\"model does not load\" type=\"X\">down</error>";
        RunDirectory a =
                shard(
                        "a",
                        testcase(
                                        "EditGate",
                                        "bad.yaml (invalid suite)",
                                        "<error message=\"typo\"/>")
                                + testcase("s/two after 1 edit", "cap after 1 rome edit", "")
                                + testcase(
                                        "s/two (rome)",
                                        "s/two after 2 edits",
                                        "<error message=\"e\"/>")
                                + testcase("EditGate", "t", suiteDown));
        RunDirectory b =
                shard(
                        "bb",
                        testcase("EditGate", "t", suiteDown)
                                + testcase("s", "one (ft)", "<error message=\"scenario\"/>")
                                + testcase(
                                        "s/three after 1 edit",
                                        "cap after 1 rome edit",
                                        "<failure message=\"cap after 1 rome edit: 0.1 &lt; 0.5\"/>")
                                + testcase(
                                        "t/x after 1 edit", "cap after 1 rome edit", "<skipped/>"));
        JunitMerge m = JunitMerge.read(List.of(a, b, new RunDirectory(dir.resolve("none"))));
        assertThat(m.any()).isTrue();
        assertThat(m.missing()).containsExactly(dir.resolve("none/junit/TEST-editgate.xml"));
        Path out = dir.resolve("merged.xml");
        m.write(
                out,
                List.of("s/one", "s/two", "s/three", "t/x"),
                List.of("s", "bad.yaml (invalid suite)", "t"));

        Element root =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(out.toFile())
                        .getDocumentElement();
        NodeList cases = root.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("classname") + " :: " + c.getAttribute("name"));
        }
        assertThat(names)
                .containsExactly(
                        "s :: one (ft)",
                        "s/two after 1 edit :: cap after 1 rome edit",
                        "s/two (rome) :: s/two after 2 edits",
                        "s/three after 1 edit :: cap after 1 rome edit",
                        "EditGate :: bad.yaml (invalid suite)",
                        "t/x after 1 edit :: cap after 1 rome edit",
                        "EditGate :: t");
        assertThat(root.getAttribute("tests")).isEqualTo("7");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("4");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(root.getAttribute("time")).isEqualTo("3.000");
        assertThat(root.getAttribute("timestamp")).isEqualTo("2026-12-03T12:00:01Z");
        assertThat(Files.readString(out)).contains("0.1 &lt; 0.5").contains(">down</error>");
    }

    @Test
    void aSuitesFailureGoesAfterItsLastScenario() throws Exception {
        RunDirectory a =
                shard(
                        "a",
                        testcase("EditGate", "s", "<error message=\"down\"/>")
                                + testcase("t/x after 1 edit", "cap after 1 rome edit", ""));
        Path out = dir.resolve("merged.xml");
        JunitMerge.read(List.of(a)).write(out, List.of("s/one", "t/x"), List.of());
        String xml = Files.readString(out);
        assertThat(xml.indexOf("name=\"s\"")).isLessThan(xml.indexOf("t/x after 1 edit"));
    }

    @Test
    void aFileThatIsNotJunitXmlIsNamedWithLineAndColumn() throws Exception {
        RunDirectory bad = new RunDirectory(dir.resolve("bad"));
        Files.createDirectories(bad.junit().getParent());
        Files.writeString(bad.junit(), "<testsuite>\n  <testcase name=\"x\">\n</testsuite>\n");
        assertThatThrownBy(() -> JunitMerge.read(List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad.junit() + ":3:")
                .hasMessageContaining("not JUnit XML");
        Files.writeString(bad.junit(), "<results/>");
        assertThatThrownBy(() -> JunitMerge.read(List.of(bad)))
                .hasMessageContaining("root element <results>, expected <testsuite>");
        assertThat(JunitMerge.read(List.of(new RunDirectory(dir.resolve("x")))).any()).isFalse();
    }
}
