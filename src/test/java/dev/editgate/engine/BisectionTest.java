package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.data.EditDatasets;
import dev.editgate.report.BisectProbe;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.report.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./editgate bisect} on fixture scenarios whose breaking edit is known (see the YAML). */
class BisectionTest {
    private static final Path SUITE =
            Path.of("src/test/resources/dev/editgate/engine/bisect/known.yaml");

    @TempDir Path dir;
    private final List<String> log = new ArrayList<>();

    private Bisection.Result bisect(
            String runId, String scenario, String capability, Integer lo, Integer hi) {
        EngineConfig config =
                EngineConfig.fromSystemProperties(
                        Map.of(
                                Constants.RUN_ID, runId,
                                Constants.REPORTS_DIR, dir.resolve("reports").toString(),
                                Constants.BASELINES_DIR, dir.resolve("baselines").toString()));
        return Bisection.run(
                config, EngineServices.defaults(), SUITE, scenario, capability, lo, hi, log::add);
    }

    private static List<EditRequest> stream() {
        return EditDatasets.load(Fixtures.MODEL_FIXTURES.resolve("zsre-small.json"), "zsre");
    }

    @Test
    void rewindsToTheLastPassingProbeAndNamesTheEditThatBrokeIt() throws IOException {
        Bisection.Result r = bisect("b1", "shrink", "emb-norm", null, null);

        assertThat(r.verdict()).isEqualTo("found");
        assertThat(r.firstFailure()).isEqualTo(7);
        assertThat(r.breaking()).containsExactly(stream().get(6));
        assertThat(r.rewinds()).isTrue();
        // 12 fails; 6 passes; 9 fails; 7 fails: each probe from the last passing one
        assertThat(r.probes()).extracting(Bisection.Probe::edits).containsExactly(12, 6, 9, 7);
        assertThat(r.probes())
                .extracting(Bisection.Probe::passed)
                .containsExactly(false, true, false, false);
        assertThat(r.probes()).extracting(Bisection.Probe::from).containsExactly(0, 0, 6, 6);
        assertThat(r.editsApplied()).isEqualTo(12 + 6 + 3 + 1);
        for (Bisection.Probe p : r.probes()) {
            // the weight after n edits, however reached, is 0.9^n times the unedited one
            assertThat(p.value() / r.probes().get(0).value())
                    .isCloseTo(Math.pow(0.9, p.edits() - 12), within(1e-4));
        }

        // every probe is a measurement of the run, and the search is in bisect.json
        RunDirectory run = RunDirectory.of(dir.resolve("reports"), "b1");
        List<ResultRecord> records = ResultStore.read(run.results());
        assertThat(records).extracting(ResultRecord::editsApplied).containsExactly(12, 6, 9, 7);
        assertThat(records)
                .extracting(ResultRecord::verdict)
                .containsExactly("fail", "pass", "fail", "fail");
        JsonNode json = new ObjectMapper().readTree(run.bisect().toFile());
        assertThat(json.get("first_failure").asInt()).isEqualTo(7);
        assertThat(json.get("breaking_edits").get(0).get("edit").asInt()).isEqualTo(7);
        assertThat(json.get("breaking_edits").get(0).get("subject").asText())
                .isEqualTo(stream().get(6).subject());
        assertThat(r.describe()).contains("first failure after 7 edits", stream().get(6).prompt());

        // each probe's record says where it sits in the search and which edits end at it: the
        // first failing probe (7, with 6 passing) carries the breaking edit
        assertThat(records).extracting(x -> x.bisect().probe()).containsExactly(1, 2, 3, 4);
        assertThat(records).extracting(x -> x.bisect().from()).containsExactly(0, 0, 6, 6);
        assertThat(records).extracting(x -> x.bisect().editsApplied()).containsExactly(12, 6, 3, 1);
        assertThat(records).allMatch(x -> x.bisect().lo() == 0 && x.bisect().hi() == 12);
        BisectProbe.Edit breaking = records.get(3).bisect().batch().get(0);
        assertThat(records.get(3).bisect().batch()).hasSize(1);
        assertThat(breaking.edit()).isEqualTo(7);
        assertThat(breaking.subject()).isEqualTo(stream().get(6).subject());
        assertThat(breaking.target()).isEqualTo(stream().get(6).target());
        assertThat(records.get(1).bisect().batch().get(0).subject())
                .isEqualTo(stream().get(5).subject());

        // and the search is one Allure result: a step per probe, the finding, the chart
        JsonNode allure = onlyAllureResult(run);
        assertThat(allure.get("name").asText()).isEqualTo("bisect emb-norm in bisect-known/shrink");
        assertThat(allure.get("status").asText()).isEqualTo("failed");
        assertThat(allure.get("statusDetails").get("message").asText())
                .isEqualTo(
                        "emb-norm first fails after 7 edits; the edit 7: subject "
                                + stream().get(6).subject()
                                + ", target \""
                                + stream().get(6).target()
                                + "\"");
        List<String> steps = new ArrayList<>();
        allure.get("steps").forEach(st -> steps.add(st.get("status").asText()));
        assertThat(steps).containsExactly("failed", "passed", "failed", "failed");
        assertThat(allure.get("steps").get(2).get("name").asText()).startsWith("after 9 edits: ");
        Map<String, String> params = new java.util.HashMap<>();
        allure.get("parameters")
                .forEach(x -> params.put(x.get("name").asText(), x.get("value").asText()));
        assertThat(params)
                .containsEntry("first failure (edits)", "7")
                .containsEntry("edit 7 subject", stream().get(6).subject())
                .containsEntry("edit 7 target", stream().get(6).target());
        List<String> attachments = new ArrayList<>();
        allure.get("attachments").forEach(a -> attachments.add(a.get("name").asText()));
        assertThat(attachments)
                .containsExactly("probes: value vs edits", "probes (CSV)", "bisect.json", "search");
        String csvSource = allure.get("attachments").get(1).get("source").asText();
        assertThat(Files.readAllLines(run.allureResults().resolve(csvSource)))
                .hasSize(5); // header + the four probes
        String svgSource = allure.get("attachments").get(0).get("source").asText();
        assertThat(Files.readString(run.allureResults().resolve(svgSource))).startsWith("<svg");
    }

    private static JsonNode onlyAllureResult(RunDirectory run) throws IOException {
        List<Path> results;
        try (var s = Files.list(run.allureResults())) {
            results = s.filter(p -> p.toString().endsWith("-result.json")).toList();
        }
        assertThat(results).hasSize(1);
        return new ObjectMapper().readTree(results.get(0).toFile());
    }

    @Test
    void replaysAMethodWithStateOutsideTheWeightsFromTheUneditedModel() {
        Bisection.Result r = bisect("b2", "zero", "nonzero", null, null);

        assertThat(r.verdict()).isEqualTo("found");
        assertThat(r.firstFailure()).isEqualTo(5);
        assertThat(r.breaking()).containsExactly(stream().get(4));
        assertThat(r.rewinds()).isFalse();
        // 12 fails; 6 fails (replayed from 0); 3 passes (from 0); 4 passes, 5 fails (forward)
        assertThat(r.probes()).extracting(Bisection.Probe::edits).containsExactly(12, 6, 3, 4, 5);
        assertThat(r.probes()).extracting(Bisection.Probe::from).containsExactly(0, 0, 0, 3, 4);
        assertThat(r.probes())
                .extracting(Bisection.Probe::value)
                .containsExactly(0.0, 0.5, 0.75, 32 / 48.0, 28 / 48.0);
        assertThat(r.editsApplied()).isEqualTo(12 + 6 + 3 + 1 + 1);
    }

    @Test
    void saysSoWhenThereIsNothingToBisect() throws IOException {
        Bisection.Result passes = bisect("b3", "shrink", "emb-norm", null, 6);
        assertThat(passes.verdict()).isEqualTo("passes-at-hi");
        assertThat(passes.firstFailure()).isNull();
        assertThat(passes.probes()).extracting(Bisection.Probe::edits).containsExactly(6);
        JsonNode passed = onlyAllureResult(RunDirectory.of(dir.resolve("reports"), "b3"));
        assertThat(passed.get("status").asText()).isEqualTo("passed");

        Bisection.Result fails = bisect("b4", "shrink", "emb-norm", 8, 12);
        assertThat(fails.verdict()).isEqualTo("fails-at-lo");
        assertThat(fails.probes()).extracting(Bisection.Probe::edits).containsExactly(12, 8);
        assertThat(fails.describe()).contains("already fails after 8 edits");
    }

    @Test
    void badArgumentsNameWhatIsAccepted() {
        assertThatThrownBy(() -> bisect("x", "nope", "emb-norm", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scenario 'nope' (accepted: shrink, zero)");
        assertThatThrownBy(() -> bisect("x", "shrink", "nope", null, null))
                .hasMessageContaining("no capability 'nope' (accepted: emb-norm, nonzero)");
        assertThatThrownBy(() -> bisect("x", "shrink", "emb-norm", 5, 13))
                .hasMessageContaining("accepted: 0 ≤ lo < hi ≤ take = 12");
        assertThatThrownBy(() -> bisect("x", "shrink", "emb-norm", 6, 6))
                .hasMessageContaining("is not a range of the stream");
    }
}
