package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code ./editgate run --shard I/N} twice and {@code ./editgate merge}, through the CLI: the
 * merged run equals one unsharded run, results record for record and JUnit XML testcase for
 * testcase (class, name, outcome and message, in order; counts). The selection has threshold
 * failures, a benchmark that throws (an error) and an invalid suite file (reported by shard 1).
 */
class MergeCommandTest {
    private static final String ENGINE = "src/test/resources/dev/editgate/engine/";
    private static final String[] SUITES = {
        ENGINE + "shard",
        ENGINE + "suites/errors/missing-tensor.yaml",
        ENGINE + "suites/failing/decay.yaml",
        ENGINE + "suites/malformed/typo.yaml"
    };

    @TempDir Path dir;
    private PrintStream stdout;
    private PrintStream stderr;
    private io.qameta.allure.AllureLifecycle lifecycle;

    @BeforeEach
    void setUp() {
        System.setProperty("editgate.baselines.dir", dir.resolve("baselines").toString());
        lifecycle = io.qameta.allure.Allure.getLifecycle();
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        io.qameta.allure.Allure.setLifecycle(lifecycle);
        System.setOut(stdout);
        System.setErr(stderr);
        System.clearProperty("editgate.baselines.dir");
        System.clearProperty("allure.results.directory");
    }

    private int run(String runId, String shard) {
        Path reports = dir.resolve("reports");
        // one JVM runs every shard here: each gets its own Allure folder, as in its own JVM
        Path allure = reports.resolve(runId + "/allure-results");
        System.setProperty("allure.results.directory", allure.toString());
        io.qameta.allure.Allure.setLifecycle(
                new io.qameta.allure.AllureLifecycle(
                        new io.qameta.allure.FileSystemResultsWriter(allure)));
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(SUITES));
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        args.addAll(List.of("--reports", reports.toString(), "--run-id", runId));
        return Main.run(args.toArray(String[]::new));
    }

    /** Each testcase as class, name, outcome and message: what a test view shows. */
    private static List<String> testcases(Path xml) throws Exception {
        Element root =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(xml.toFile())
                        .getDocumentElement();
        List<String> out = new ArrayList<>();
        out.add(
                "tests="
                        + root.getAttribute("tests")
                        + " failures="
                        + root.getAttribute("failures")
                        + " errors="
                        + root.getAttribute("errors")
                        + " skipped="
                        + root.getAttribute("skipped"));
        NodeList cases = root.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String outcome = "ok";
            for (String kind : List.of("failure", "error", "skipped")) {
                NodeList k = c.getElementsByTagName(kind);
                if (k.getLength() > 0) {
                    outcome = kind + ": " + ((Element) k.item(0)).getAttribute("message");
                }
            }
            out.add(
                    c.getAttribute("classname")
                            + " :: "
                            + c.getAttribute("name")
                            + " :: "
                            + outcome);
        }
        return out;
    }

    private static List<String> comparable(Path results) {
        return ResultStore.read(results).stream()
                .map(
                        (ResultRecord r) ->
                                r.suite()
                                        + "/"
                                        + r.scenario()
                                        + " "
                                        + r.editsApplied()
                                        + " "
                                        + r.capability()
                                        + " "
                                        + r.value()
                                        + " "
                                        + r.baseline()
                                        + " "
                                        + r.verdict()
                                        + " "
                                        + r.message())
                .toList();
    }

    @Test
    void twoShardsMergedEqualOneRunInResultsAndJunitXml() throws Exception {
        Path reports = dir.resolve("reports");
        int whole = run("whole", null);
        assertThat(whole).isEqualTo(1);
        assertThat(run("s1", "1/2")).isIn(0, 1);
        assertThat(run("s2", "2/2")).isIn(0, 1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int merged =
                Main.run(
                        "merge",
                        reports.resolve("s2").toString(),
                        reports.resolve("s1").toString(),
                        "--out",
                        dir.resolve("merged").toString());
        assertThat(merged).isEqualTo(whole);
        // the scenario whose benchmark throws has no results; nothing else is amiss
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines())
                .containsExactly(
                        "warning: missing-tensor/noop: no results (left out by --filter or"
                                + " --tags, or its shard did not finish)");

        assertThat(comparable(dir.resolve("merged/results.jsonl")))
                .isNotEmpty()
                .containsExactlyElementsOf(comparable(reports.resolve("whole/results.jsonl")));
        List<String> wholeXml = testcases(reports.resolve("whole/junit/TEST-editgate.xml"));
        List<String> s1 = testcases(reports.resolve("s1/junit/TEST-editgate.xml"));
        List<String> s2 = testcases(reports.resolve("s2/junit/TEST-editgate.xml"));
        assertThat(s1.size() - 1 + s2.size() - 1).isEqualTo(wholeXml.size() - 1);
        assertThat(wholeXml)
                .anyMatch(c -> c.contains(":: failure: emb-norm after 10 scale-weight edits"))
                .anyMatch(c -> c.contains(":: error: "))
                .anyMatch(c -> c.contains("typo.yaml (invalid suite) :: error: "));
        assertThat(testcases(dir.resolve("merged/junit/TEST-editgate.xml")))
                .containsExactlyElementsOf(wholeXml);
    }
}
