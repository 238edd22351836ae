package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.mend.MendTrainer;
import dev.editgate.edit.mend.MendTrainingSettings;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code method: mend} in a suite, on the tiny LLaMA fixture with an archive trained for it: a
 * stream of records the hypernetwork was not fitted on is edited and measured; a stream that holds
 * training records is an invalid suite, reported before any edit.
 */
class MendSuiteTest {
    @TempDir static Path dir;
    static Path model;
    static Path archive;

    /** ZsRE-format records: "The favourite colour of NAME is" → colour, with rephrase and loc. */
    static List<Map<String, Object>> zsre(int from, int n) {
        String[] names = {"Alma", "Borek", "Cilla", "Dorin", "Ester", "Fabio", "Greta", "Hugo"};
        String[] colours = {"red", "blue", "green", "black", "white"};
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String name = names[i % names.length] + " " + i;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("subject", name);
            r.put("src", "The favourite colour of " + name + " is");
            r.put("alt", colours[i % colours.length]);
            r.put("answers", List.of("grey"));
            r.put("rephrase", name + " likes the colour");
            r.put("loc", "The number after " + (i % 9) + " is");
            r.put("loc_ans", " " + (i % 9 + 1));
            out.add(r);
        }
        return out;
    }

    static List<EditRequest> requests(List<Map<String, Object>> records) throws IOException {
        Path f = Files.createTempFile(dir, "records", ".json");
        Files.writeString(f, new ObjectMapper().writeValueAsString(records));
        return dev.editgate.edit.data.EditDatasets.load(f, "zsre");
    }

    @BeforeAll
    static void trainArchive() throws Exception {
        model =
                Path.of(
                        MendSuiteTest.class
                                .getResource("/dev/editgate/model/fixtures/llama-gqa")
                                .toURI());
        archive = dir.resolve("archive");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rank", 8);
        s.put("max_iters", 3);
        s.put("accumulate_bs", 1);
        s.put("val_batch_size", 1);
        s.put("val_steps", 1);
        try (LanguageModel lm = Models.load(model, "float32", "cpu")) {
            MendTrainer.train(
                    lm,
                    MendTrainingSettings.resolve(s),
                    new MendTrainer.Data(requests(zsre(0, 10)), requests(zsre(10, 2)), Map.of()),
                    archive,
                    new MendTrainer.Progress() {
                        @Override
                        public void iteration(int iteration, int max, Map<String, Double> info) {}

                        @Override
                        public void validated(int iteration, Map<String, Double> v, boolean b) {}

                        @Override
                        public void message(String text) {}
                    });
        }
    }

    static Path suite(String name, int from) throws IOException {
        Path data = dir.resolve(name + ".json");
        Files.writeString(data, new ObjectMapper().writeValueAsString(zsre(from, 3)));
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(
                file,
                "suite: "
                        + name
                        + "\nmodel: { path: \""
                        + model
                        + "\", dtype: float32, device: cpu }\n"
                        + "edits: { dataset: \""
                        + data
                        + "\", format: zsre, take: 3, batch_size: 1 }\n"
                        + "checkpoints: [3]\n"
                        + "scenarios:\n  - { id: mend, method: mend, hparams: { archive: \""
                        + archive
                        + "\" } }\n"
                        + "capabilities:\n"
                        + "  - { id: reliability, benchmark: edit-reliability, scope: sequential,"
                        + " assert: { min: 0.0 } }\n");
        return file;
    }

    @Test
    void editsRecordsTheHypernetworkWasNotFittedOn() throws IOException {
        EngineExecutionResults r =
                Fixtures.kit(dir.resolve("ok"), "mend-ok")
                        .selectors(selectFile(suite("mend-disjoint", 20).toFile()))
                        .execute();
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(Files.readString(dir.resolve("ok/reports/mend-ok/edits.jsonl")))
                .contains("\"update_norms\"")
                .contains("model.layers.1.mlp.down_proj.weight");
    }

    @Test
    void editingTrainingRecordsIsAnInvalidSuite() throws IOException {
        EngineExecutionResults r =
                Fixtures.kit(dir.resolve("bad"), "mend-bad")
                        .selectors(selectFile(suite("mend-overlap", 8).toFile()))
                        .execute();
        r.allEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(),
                                displayName("mend (mend)"),
                                finishedWithFailure(
                                        message(
                                                m ->
                                                        m.contains("invalid suite")
                                                                && m.contains(
                                                                        "2 of the 3 edits were"
                                                                                + " training records")))));
        r.testEvents().assertStatistics(s -> s.succeeded(0));
    }
}
