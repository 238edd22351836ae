package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.report.AllureExtras;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI outputs of a real run (a threshold that fails, a suite whose model does not load): the
 * GitHub job summary, Allure's categories applied to the run's own Allure results as Allure applies
 * them (first match; the message regex against the whole message), environment.properties, and the
 * previous report's history carried in.
 */
class CiReportsTest {
    private static final String SUITES = "src/test/resources/dev/editgate/engine/suites/";

    @TempDir Path dir;
    private PrintStream stdout;
    private io.qameta.allure.AllureLifecycle lifecycle;

    @BeforeEach
    void setUp() {
        System.setProperty("editgate.baselines.dir", dir.resolve("baselines").toString());
        System.setProperty("allure.results.directory", dir.resolve("allure").toString());
        // Allure's lifecycle is made once per JVM (under Surefire: towards target/allure-results);
        // this test reads the results of its own run
        lifecycle = io.qameta.allure.Allure.getLifecycle();
        io.qameta.allure.Allure.setLifecycle(
                new io.qameta.allure.AllureLifecycle(
                        new io.qameta.allure.FileSystemResultsWriter(dir.resolve("allure"))));
        stdout = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        io.qameta.allure.Allure.setLifecycle(lifecycle);
        System.setOut(stdout);
        System.clearProperty("editgate.baselines.dir");
        System.clearProperty("allure.results.directory");
    }

    /** Allure's rule: the first category whose statuses and message regex match. */
    private static String category(String status, String message) {
        for (Map<String, Object> c : AllureExtras.categories()) {
            @SuppressWarnings("unchecked")
            List<String> statuses = (List<String>) c.get("matchedStatuses");
            String regex = (String) c.get("messageRegex");
            if (statuses.contains(status)
                    && (regex == null || (message != null && message.matches(regex)))) {
                return (String) c.get("name");
            }
        }
        return null;
    }

    @Test
    void aRunsSummaryCategoriesEnvironmentHistoryAndJunitXml() throws Exception {
        Path reports = dir.resolve("reports");
        int code =
                Main.run(
                        "run",
                        SUITES + "failing/decay.yaml",
                        SUITES + "errors/missing-tensor.yaml",
                        "--reports",
                        reports.toString(),
                        "--run-id",
                        "ci1");
        assertThat(code).isEqualTo(1);
        List<ResultRecord> records = ResultStore.read(reports.resolve("ci1/results.jsonl"));

        // Allure: the run wrote categories.json and environment.properties beside its results
        Path allure = dir.resolve("allure");
        JsonNode categories =
                new ObjectMapper().readTree(allure.resolve("categories.json").toFile());
        assertThat(categories.get(0).get("name").asText()).isEqualTo("Capability broke");
        assertThat(categories.get(1).get("name").asText()).isEqualTo("Suite or environment error");
        Map<String, String> seen = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(allure)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                JsonNode r = new ObjectMapper().readTree(f.toFile());
                String status = r.get("status").asText();
                String message = r.at("/statusDetails/message").asText(null);
                if (status.equals("failed") || status.equals("broken")) {
                    seen.put(r.get("name").asText(), category(status, message));
                }
            }
        }
        assertThat(seen)
                .containsEntry("emb-norm after 10 scale-weight edits", "Capability broke")
                .containsValue("Suite or environment error");
        Properties env = new Properties();
        env.load(new StringReader(Files.readString(allure.resolve("environment.properties"))));
        assertThat(env.getProperty("model.hash")).isEqualTo(records.get(0).modelHash());
        assertThat(env.getProperty("method")).isEqualTo("scale-weight");
        assertThat(env.getProperty("suite")).isEqualTo("decay");
        assertThat(env.getProperty("device")).isEqualTo("cpu");
        assertThat(env.getProperty("commit")).isNotBlank();

        // report --allure DIR --allure-history PREVIOUS: the previous report's history carried in
        Path previous = dir.resolve("previous-report/history");
        Files.createDirectories(previous);
        Files.writeString(previous.resolve("history.json"), "{}");
        Files.writeString(previous.resolve("history-trend.json"), "[]");
        Path target = dir.resolve("target-allure");
        Path summary = dir.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        assertThat(
                        Main.run(
                                "report",
                                "ci1",
                                "--reports",
                                reports.toString(),
                                "--allure",
                                target.toString(),
                                "--allure-history",
                                dir.resolve("previous-report").toString(),
                                "--github-summary",
                                summary.toString()))
                .isEqualTo(1);
        assertThat(target.resolve("history/history.json")).hasContent("{}");
        assertThat(target.resolve("history/history-trend.json")).hasContent("[]");
        assertThat(target.resolve("categories.json")).exists();

        // the job summary, appended after what earlier steps wrote
        String md = Files.readString(summary);
        ResultRecord failed = records.stream().filter(r -> !r.passed()).findFirst().orElseThrow();
        assertThat(md)
                .startsWith(
                        "earlier step\n## EditGate run `ci1`\n\n❌ 3 measurements: 2 passed, 1 failed")
                .contains("```text\n")
                .contains("decay       10")
                .contains(
                        "| suite | scenario | edits | capability | value [interval] | baseline"
                                + " [interval] | threshold | message |")
                .contains(
                        "| decay | decay | 10 | emb-norm | "
                                + dev.editgate.scenario.Thresholds.format(failed.value()))
                .contains("| min_ratio_to_baseline: 0.5 | emb-norm after 10 scale-weight edits: ");
        // the JUnit XML of the run, in Surefire's naming: a threshold is a failure, the model
        // that did not load an error
        org.w3c.dom.Document xml =
                javax.xml.parsers.DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(reports.resolve("ci1/junit/TEST-editgate.xml").toFile());
        org.w3c.dom.NodeList cases = xml.getElementsByTagName("testcase");
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) cases.item(i);
            String kind =
                    c.getElementsByTagName("failure").getLength() > 0
                            ? "failure"
                            : c.getElementsByTagName("error").getLength() > 0 ? "error" : "ok";
            verdicts.put(c.getAttribute("classname") + " :: " + c.getAttribute("name"), kind);
        }
        assertThat(verdicts)
                .containsEntry(
                        "decay/decay after 10 edits :: emb-norm after 10 scale-weight edits",
                        "failure")
                .containsEntry(
                        "decay/decay after 5 edits :: emb-norm after 5 scale-weight edits", "ok")
                .containsValue("error");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");

        List<String> rows = new ArrayList<>();
        md.lines().filter(l -> l.startsWith("| decay |")).forEach(rows::add);
        assertThat(rows).hasSize(1);
    }

    @Test
    void shardsMergeDespiteTheirOwnEnvironmentAndTheMergedRunGetsOne() throws Exception {
        Path reports = dir.resolve("reports");
        String shardSuites = "src/test/resources/dev/editgate/engine/shard";
        for (int i = 1; i <= 2; i++) {
            // one JVM runs both shards here: each gets its own Allure folder, as in its own JVM
            System.setProperty(
                    "allure.results.directory",
                    reports.resolve("s" + i + "/allure-results").toString());
            int code =
                    Main.run(
                            "run",
                            shardSuites,
                            "--shard",
                            i + "/2",
                            "--reports",
                            reports.toString(),
                            "--run-id",
                            "s" + i);
            assertThat(code).isIn(0, 1);
        }
        Properties first = new Properties();
        first.load(
                new StringReader(
                        Files.readString(
                                reports.resolve("s1/allure-results/environment.properties"))));
        assertThat(first.getProperty("run.id")).isEqualTo("s1");

        int merged =
                Main.run(
                        "merge",
                        reports.resolve("s1").toString(),
                        reports.resolve("s2").toString(),
                        "--out",
                        dir.resolve("merged").toString());
        assertThat(merged).isIn(0, 1);
        Properties env = new Properties();
        env.load(
                new StringReader(
                        Files.readString(
                                dir.resolve("merged/allure-results/environment.properties"))));
        assertThat(env.getProperty("suite")).isEqualTo("alpha, beta");
        assertThat(env.getProperty("run.id")).isEqualTo("s1, s2");
        assertThat(dir.resolve("merged/allure-results/categories.json")).exists();
    }
}
