package dev.editgate.edit.mend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive folder: written and read back unchanged; refused on another model; every kind of
 * broken or hostile archive is a clear error naming the file and what is wrong; a suite's edits are
 * checked against the records the archive was fitted on.
 */
class MendArchiveTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LanguageModel model;
    static String hash;

    @BeforeAll
    static void load() {
        model = MendFixtures.load("llama-gqa");
        hash = model.weights().contentHash();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Path write(Path dir) {
        List<MendMatrix> m = MendMatrix.mlp(model, MendMatrix.lastLayers(model, 3));
        try (MendNetwork net =
                MendNetwork.initial(m, new MendConfig(1, 8, true, 1e-4), 1, model.manager())) {
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("content_sha256", hash);
            base.put("source", "llama-gqa fixture");
            MendArchive.write(
                    dir,
                    net,
                    base,
                    Map.of("note", "test"),
                    TrainedRecords.of(MendFixtures.records(0, 5)),
                    TrainedRecords.of(MendFixtures.records(5, 2)));
        }
        return dir;
    }

    static void edit(Path dir, Consumer<ObjectNode> change) throws IOException {
        Path f = dir.resolve(MendArchive.MANIFEST);
        ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
        change.accept(root);
        Files.writeString(f, JSON.writeValueAsString(root));
    }

    static RuntimeException refused(Path dir) {
        try {
            MendArchive.read(dir).network(model, hash).close();
        } catch (CheckpointException | dev.editgate.edit.EditException e) {
            return e;
        }
        throw new AssertionError("the archive in " + dir + " was accepted");
    }

    @Test
    void roundTripsEveryTensorAndTheManifest(@TempDir Path dir) throws IOException {
        write(dir);
        MendArchive a = MendArchive.read(dir);
        assertThat(a.modelHash()).isEqualTo(hash);
        assertThat(a.innerParams()).hasSize(6);
        assertThat(a.manifest().get("mend").get("rank").asInt()).isEqualTo(8);
        List<MendMatrix> m = MendMatrix.mlp(model, MendMatrix.lastLayers(model, 3));
        try (MendNetwork fresh =
                        MendNetwork.initial(
                                m, new MendConfig(1, 8, true, 1e-4), 1, model.manager());
                MendNetwork loaded = a.network(model, hash)) {
            Map<String, TensorData> want = fresh.state();
            Map<String, TensorData> have = loaded.state();
            assertThat(have.keySet()).containsExactlyElementsOf(want.keySet());
            want.forEach((k, t) -> assertThat(have.get(k).data()).as(k).containsExactly(t.data()));
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(2)
                    .contains(MendArchive.MANIFEST);
        }
    }

    @Test
    void refusedOnAnotherModel(@TempDir Path dir) {
        write(dir);
        try (LanguageModel other = MendFixtures.load("llama-tied-rope3")) {
            assertThatThrownBy(
                            () ->
                                    new MendProvider()
                                            .create(other, Map.of("archive", dir.toString())))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("trained on another model")
                    .hasMessageContaining(hash)
                    .hasMessageContaining("train one for this model");
        }
    }

    @Test
    void missingArchiveSaysHowToTrainOne(@TempDir Path dir) {
        assertThatThrownBy(() -> MendArchive.read(dir.resolve("none")))
                .hasMessageContaining("mend.json is missing")
                .hasMessageContaining("./editgate train mend");
    }

    @Test
    void brokenManifestsAreClearErrors(@TempDir Path root) throws IOException {
        Path d1 = write(root.resolve("json"));
        Files.writeString(d1.resolve(MendArchive.MANIFEST), "{ not json");
        assertThat(refused(d1)).hasMessageContaining("mend.json: not valid JSON");

        Path d2 = write(root.resolve("format"));
        edit(d2, r -> r.put("format", "pickle"));
        assertThat(refused(d2)).hasMessageContaining("field 'format' must be \"editgate-mend\"");

        Path d3 = write(root.resolve("version"));
        edit(d3, r -> r.put("version", 9));
        assertThat(refused(d3)).hasMessageContaining("field 'version' must be 1");

        Path d4 = write(root.resolve("traversal"));
        edit(d4, r -> r.put("tensors", "../../etc/passwd.safetensors"));
        assertThat(refused(d4)).hasMessageContaining("field 'tensors'");

        Path d5 = write(root.resolve("arch"));
        edit(d5, r -> ((ObjectNode) r.get("mend")).put("combine", false));
        assertThat(refused(d5)).hasMessageContaining("mend.combine");

        Path d6 = write(root.resolve("param"));
        edit(d6, r -> r.putArray("inner_params").add("model.layers.0.self_attn.q_proj.weight"));
        assertThat(refused(d6)).hasMessageContaining("not an MLP weight MEND can edit");

        Path d7 = write(root.resolve("missing-field"));
        edit(d7, r -> r.remove("base_model"));
        assertThat(refused(d7)).hasMessageContaining("field 'base_model' must be present");
    }

    @Test
    void brokenTensorFilesAreClearErrors(@TempDir Path root) throws IOException {
        Path d1 = write(root.resolve("gone"));
        Files.delete(d1.resolve(MendArchive.read(d1).manifest().get("tensors").asText()));
        assertThat(refused(d1)).hasMessageContaining("tensor file is missing");

        Path d2 = write(root.resolve("tampered"));
        Path t2 = d2.resolve(MendArchive.read(d2).manifest().get("tensors").asText());
        byte[] b = Files.readAllBytes(t2);
        b[b.length - 1] ^= 1;
        Files.write(t2, b);
        assertThat(refused(d2)).hasMessageContaining("does not match the SHA-256");

        Path d3 = write(root.resolve("truncated"));
        Path t3 = d3.resolve(MendArchive.read(d3).manifest().get("tensors").asText());
        Files.write(t3, java.util.Arrays.copyOf(Files.readAllBytes(t3), 100));
        edit(d3, r -> r.remove("tensors_sha256"));
        assertThat(refused(d3)).hasMessageContaining(t3.getFileName().toString());

        Path d4 = write(root.resolve("shape"));
        Map<String, TensorData> wrong = new LinkedHashMap<>();
        TensorFiles.readAll(d4.resolve(MendArchive.read(d4).manifest().get("tensors").asText()))
                .forEach(
                        (k, t) ->
                                wrong.put(
                                        k,
                                        k.equals("edit_lrs")
                                                ? new TensorData(new long[] {2}, new float[2])
                                                : t));
        TensorFiles.Written w = TensorFiles.write(d4, "mend", wrong);
        edit(d4, r -> r.put("tensors", w.name()).put("tensors_sha256", w.sha256()));
        assertThat(refused(d4))
                .hasMessageContaining("tensor 'edit_lrs' has shape [2], expected (6)");

        Path d5 = write(root.resolve("absent"));
        Map<String, TensorData> fewer =
                new LinkedHashMap<>(
                        TensorFiles.readAll(
                                d5.resolve(
                                        MendArchive.read(d5).manifest().get("tensors").asText())));
        fewer.remove("edit_lrs");
        TensorFiles.Written w5 = TensorFiles.write(d5, "mend", fewer);
        edit(d5, r -> r.put("tensors", w5.name()).put("tensors_sha256", w5.sha256()));
        assertThat(refused(d5)).hasMessageContaining("tensor 'edit_lrs' is missing");
    }

    @Test
    void editsOfFittedRecordsAreRefused(@TempDir Path dir) {
        write(dir);
        MendProvider p = new MendProvider();
        Map<String, Object> h = Map.of("archive", dir.toString());
        p.checkEdits(h, MendFixtures.records(10, 5), null); // disjoint
        List<EditRequest> trainedOn = MendFixtures.records(3, 3);
        assertThatThrownBy(() -> p.checkEdits(h, trainedOn, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 of the 3 edits were training records")
                .hasMessageContaining("edit 1: \"" + trainedOn.get(0).prompt() + "\"");
        assertThatThrownBy(() -> p.checkEdits(h, MendFixtures.records(6, 1), null))
                .hasMessageContaining("were validation records");
        assertThat(TrainedRecords.of(MendFixtures.records(0, 5))).hasSize(10);
    }

    @Test
    void hyperparametersAreChecked() {
        MendProvider p = new MendProvider();
        assertThatThrownBy(() -> p.validate(Map.of())).hasMessageContaining("mend needs 'archive'");
        assertThatThrownBy(() -> p.validate(Map.of("archive", "x", "lr", 1)))
                .hasMessageContaining("'lr' is not accepted");
    }
}
