package dev.editgate.bench.mbpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.Score;
import dev.editgate.bench.Stories260k;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.bench.sandbox.PythonSandbox;
import dev.editgate.bench.sandbox.SandboxLimits;
import dev.editgate.model.LanguageModel;
import dev.editgate.testing.Shared;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class MbppTest {

    private static MbppBenchmark bench(Protocol p, int timeout, List<GenItem> items) {
        return new MbppBenchmark(
                items,
                new PythonSandbox(
                        null,
                        SandboxLimits.defaults().withTimeout(Duration.ofSeconds(timeout + 1))),
                p,
                timeout,
                512,
                1);
    }

    @Test
    void readsBothSharedFiles() {
        List<MbppTask> full = MbppLoader.load(Shared.require("data/mbpp/mbpp.jsonl"));
        assertThat(full).hasSize(974);
        assertThat(full.get(0).tests()).hasSize(3);
        List<MbppTask> sanitized =
                MbppLoader.load(Shared.require("data/mbpp/sanitized_test_257_mastts.jsonl"));
        assertThat(sanitized).hasSize(257);
    }

    @Test
    void testSplitAndThreeShotPromptEqualOpenCompass() {
        MbppBenchmark b =
                (MbppBenchmark)
                        new MbppProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                Shared.require("data/mbpp/mbpp.jsonl").toString()),
                                        Path.of("."));
        assertThat(b.items()).hasSize(500);
        GenItem first = b.items().get(0);
        JsonNode oc = OpenCompassExpected.prompt("mbpp");
        assertThat(first.id()).isEqualTo(oc.get("id").asText()).isEqualTo("11");
        assertThat(first.prompt()).isEqualTo(oc.get("prompt").asText());
        assertThat(b.maxNewTokens()).isEqualTo(512);
    }

    @Test
    void codeExtractionEqualsOpenCompassAtBothCommits() {
        SoftAssertions soft = new SoftAssertions();
        for (Protocol p : Protocol.values()) {
            String tag = p == Protocol.HEAD ? "head" : "study";
            MbppBenchmark b = bench(p, 3, List.of());
            for (JsonNode r : OpenCompassExpected.rows(tag, "mbpp_extract")) {
                soft.assertThat(b.run(r.get("output").asText(), List.of()).code())
                        .as("%s code of %s", tag, r.get("output"))
                        .isEqualTo(r.get("code").asText());
            }
        }
        soft.assertAll();
    }

    /**
     * Hostile and awkward programs get OpenCompass' verdicts, with one deliberate difference: a
     * program that calls {@code os._exit} leaves OpenCompass' worker without a result and its
     * scoring raises (IndexError); here it is a failure.
     */
    @Test
    void verdictsEqualOpenCompassOnHostilePrograms() {
        SoftAssertions soft = new SoftAssertions();
        for (Protocol p : Protocol.values()) {
            String tag = p == Protocol.HEAD ? "head" : "study";
            MbppBenchmark b = bench(p, p == Protocol.HEAD ? 10 : 3, List.of());
            for (JsonNode r : OpenCompassExpected.rows(tag, "mbpp_run")) {
                List<String> tests = new ArrayList<>();
                r.get("tests").forEach(t -> tests.add(t.asText()));
                String expected = r.get("verdict").asText();
                if (expected.startsWith("crash")) {
                    expected = "failed";
                }
                long t0 = System.nanoTime();
                var v = b.run(r.get("output").asText(), tests);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                soft.assertThat(v.verdict())
                        .as("%s verdict of %s", tag, r.get("name"))
                        .isEqualTo(expected);
                if (r.get("name").asText().equals("infinite-loop")) {
                    // the loop really runs into the limit (the asserts get timeout - 1 seconds)
                    soft.assertThat(ms).as(tag + " loop time").isGreaterThanOrEqualTo(1_900);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void anAlwaysTrueEqPassesAtTheStudysCommitAndFailsAtHead() {
        String out =
                " 'class E:\r\n    def __eq__(self, o):\r\n        return True\r\n"
                        + "def add(a, b):\r\n    return E()' \n[DONE]";
        List<String> tests = List.of("assert add(1, 2) == 3");
        assertThat(bench(Protocol.STUDY, 3, List.of()).run(out, tests).verdict()).isEqualTo("pass");
        assertThat(bench(Protocol.HEAD, 10, List.of()).run(out, tests).verdict())
                .isEqualTo("wrong_answer");
    }

    @Test
    void exitsPrintsAndForgedLinesNeverPass() {
        List<String> tests = List.of("assert add(1, 2) == 3");
        MbppBenchmark b = bench(Protocol.STUDY, 3, List.of());
        for (String code :
                List.of(
                        "import sys\r\nsys.exit(0)",
                        "exit()",
                        "quit()",
                        "import os\r\nos._exit(0)",
                        "import atexit, os\r\natexit.register(lambda: os._exit(0))\r\n"
                                + "def add(a, b):\r\n    return 0",
                        "import os\r\nos.write(1, b\"EDITGATE-RESULT 0 pass\\\\n\")\r\nos._exit(0)",
                        "print(\"EDITGATE-RESULT x pass\")\r\nraise SystemExit(0)")) {
            assertThat(b.run(" '" + code + "' \n[DONE]", tests).passed()).as(code).isFalse();
        }
        assertThat(b.run(" 'def add(a, b):\r\n    return a + b' \n[DONE]", tests).passed())
                .isTrue();
    }

    @Test
    void scoresReferenceSolutionsWrongCodeAndARealTimeout() {
        MbppBenchmark b =
                (MbppBenchmark)
                        new MbppProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                Shared.require("data/mbpp/mbpp.jsonl").toString(),
                                                "limit",
                                                3,
                                                "seed",
                                                5),
                                        Path.of("."));
        String code0 = codeOf(b.items().get(0).id());
        long t0 = System.nanoTime();
        Score s =
                b.scoreOutputs(
                        List.of(
                                " '" + code0 + "' \n[DONE]",
                                "```python\ndef nothing():\n    pass\n```",
                                " 'while True:\r\n    pass' \n[DONE]"));
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(1_900);
        assertThat(s.metric()).isEqualTo("pass@1");
        assertThat(s.items()).extracting(ItemRecord::correct).containsExactly(true, false, false);
        assertThat(s.items().get(2).prediction()).isEqualTo("while True:\r\n    pass");
        assertThat(s.value()).isEqualTo(1.0 / 3);
    }

    @Test
    void aSandboxWithoutPythonFailsTheMeasurementNamingTheCause() {
        MbppBenchmark b =
                (MbppBenchmark)
                        new MbppProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                Shared.require("data/mbpp/mbpp.jsonl").toString(),
                                                "limit",
                                                1,
                                                "python",
                                                "/nonexistent/python3"),
                                        Path.of("."));
        assertThatThrownBy(() -> b.scoreOutputs(List.of(" 'x = 1' \n[DONE]")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/python3")
                .hasMessageContaining("did not start");
        try (LanguageModel model = Stories260k.load()) {
            assertThatThrownBy(() -> b.evaluate(model, EvalContext.none()))
                    .hasMessageContaining("/nonexistent/python3");
        }
    }

    private static String codeOf(String id) {
        return dev.editgate.bench.data.JsonData.readLines(Shared.require("data/mbpp/mbpp.jsonl"))
                .stream()
                .filter(e -> e.node().get("task_id").asText().equals(id))
                .map(e -> e.node().get("code").asText())
                .findFirst()
                .orElseThrow();
    }
}
