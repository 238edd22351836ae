package dev.editgate.edit.mend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained MEND hypernetwork on disk: a folder with {@code mend.json} (what it is, for which
 * model, how it was trained) and the safetensors file that JSON names (the reference's {@code
 * state_dict} tensors in float32). See the README's "MEND archive" section for every field.
 *
 * <p>An archive belongs to one model: {@code base_model.content_sha256} is that model's {@link
 * dev.editgate.model.weights.WeightStore#contentHash()} when training began, and {@link #network}
 * refuses any other. Everything read is checked (JSON fields and types, format and version, tensor
 * names, dtypes and shapes, the tensor file's SHA-256) with errors naming the file and field.
 */
public final class MendArchive {
    /** The archive's JSON file. */
    public static final String MANIFEST = "mend.json";

    static final String FORMAT = "editgate-mend";
    static final int VERSION = 1;
    static final String TENSOR_STEM = "mend";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final JsonNode root;
    private final String modelHash;
    private final List<String> innerParams;
    private final MendConfig config;
    private final Set<String> trained;
    private final Set<String> validation;

    private MendArchive(
            Path dir,
            JsonNode root,
            String modelHash,
            List<String> innerParams,
            MendConfig config,
            Set<String> trained,
            Set<String> validation) {
        this.dir = dir;
        this.root = root;
        this.modelHash = modelHash;
        this.innerParams = innerParams;
        this.config = config;
        this.trained = trained;
        this.validation = validation;
    }

    /** Whether {@code dir} holds an archive's JSON. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /** Reads and checks {@code dir/mend.json} (not yet the tensors: see {@link #network}). */
    public static MendArchive read(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(
                    dir
                            + ": no MEND archive here ("
                            + MANIFEST
                            + " is missing); train one with ./editgate train mend --model MODEL"
                            + " --data TRAIN.json --out "
                            + dir);
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new CheckpointException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        Fields f = new Fields(file, root);
        String format = f.text(root, "format");
        if (!FORMAT.equals(format)) {
            throw f.error("format", "\"" + FORMAT + "\", was \"" + format + "\"");
        }
        int version = f.integer(root, "version");
        if (version != VERSION) {
            throw f.error("version", VERSION + " (this EditGate reads version 1), was " + version);
        }
        String tensors = f.text(root, "tensors");
        if (!tensors.matches("[A-Za-z0-9._-]+\\.safetensors") || tensors.startsWith(".")) {
            throw f.error("tensors", "the name of a .safetensors file in the archive's folder");
        }
        String hash = f.text(f.object(root, "base_model"), "content_sha256");
        List<String> params = f.texts(root, "inner_params");
        if (params.isEmpty()) {
            throw f.error("inner_params", "a non-empty list of tensor names");
        }
        JsonNode m = f.object(root, "mend");
        Map<String, Object> fixed =
                Map.of(
                        "mlp_class", "IDMLP",
                        "init", "id",
                        "act", "relu",
                        "combine", true,
                        "shared", true,
                        "one_sided", false,
                        "x_only", false,
                        "delta_only", false);
        for (var e : fixed.entrySet()) {
            JsonNode v = m.get(e.getKey());
            if (v == null || !String.valueOf(e.getValue()).equals(v.asText())) {
                throw f.error(
                        "mend." + e.getKey(),
                        e.getValue() + " (the published architecture, the only one implemented)");
            }
        }
        MendConfig config =
                new MendConfig(
                        f.integer(m, "n_hidden"),
                        f.integer(m, "rank"),
                        f.bool(m, "norm"),
                        f.number(m, "edit_lr"));
        JsonNode data = root.get("data");
        Set<String> trained = new LinkedHashSet<>();
        Set<String> validation = new LinkedHashSet<>();
        if (data != null) {
            trained.addAll(f.texts(f.object(root, "data"), "trained_prompts"));
            validation.addAll(f.texts(f.object(root, "data"), "validation_prompts"));
        }
        return new MendArchive(dir, root, hash, params, config, trained, validation);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The content hash of the model the archive was trained on. */
    public String modelHash() {
        return modelHash;
    }

    /** Names of the edited matrices, in order. */
    public List<String> innerParams() {
        return innerParams;
    }

    /** The archive's JSON. */
    public JsonNode manifest() {
        return root;
    }

    /**
     * The hypernetwork for {@code model}, whose content hash must be the archive's (pass {@code
     * model.weights().contentHash()} of the unedited model).
     */
    MendNetwork network(LanguageModel model, String contentHash) {
        if (!modelHash.equals(contentHash)) {
            JsonNode base = root.get("base_model");
            throw new CheckpointException(
                    dir.resolve(MANIFEST)
                            + ": this MEND archive was trained on another model (content hash "
                            + modelHash
                            + (base.has("source") ? ", " + base.get("source").asText() : "")
                            + "); this model's is "
                            + contentHash
                            + " ("
                            + model
                            + "). A hypernetwork only edits the model it was trained on: train one"
                            + " for this model with ./editgate train mend");
        }
        List<MendMatrix> matrices = new ArrayList<>();
        for (String name : innerParams) {
            matrices.add(MendMatrix.byName(model, name));
        }
        Path tensors = dir.resolve(root.get("tensors").asText());
        String sha = root.has("tensors_sha256") ? root.get("tensors_sha256").asText() : null;
        return MendNetwork.fromState(
                matrices, config, TensorFiles.read(tensors, sha), model.manager());
    }

    /**
     * Throws {@link IllegalArgumentException} when an edit of {@code edits} was a training or
     * validation record of this archive, naming the first few.
     */
    public void checkDisjoint(List<EditRequest> edits) {
        check(edits, trained, "training");
        check(edits, validation, "validation");
    }

    private void check(List<EditRequest> edits, Set<String> fitted, String what) {
        List<String> seen = TrainedRecords.overlap(edits, fitted);
        if (!seen.isEmpty()) {
            throw new IllegalArgumentException(
                    seen.size()
                            + " of the "
                            + edits.size()
                            + " edits were "
                            + what
                            + " records of the MEND archive "
                            + dir
                            + " ("
                            + String.join("; ", seen.subList(0, Math.min(3, seen.size())))
                            + (seen.size() > 3 ? "; ..." : "")
                            + "): edit records the hypernetwork was not fitted on");
        }
    }

    /**
     * Writes the archive of {@code net} into {@code dir}: the tensors first, then the JSON naming
     * them (atomically), then the old tensor files are removed.
     */
    static void write(
            Path dir,
            MendNetwork net,
            Map<String, Object> baseModel,
            Map<String, Object> training,
            Set<String> trainedPrompts,
            Set<String> validationPrompts) {
        TensorFiles.Written w = TensorFiles.write(dir, TENSOR_STEM, net.state());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("tensors", w.name());
        m.put("tensors_sha256", w.sha256());
        m.put("base_model", baseModel);
        m.put("inner_params", net.matrices.stream().map(MendMatrix::name).toList());
        m.put("mend", net.config.toJson());
        List<Double> lrs = new ArrayList<>();
        for (float lr : net.editLearningRates()) {
            lrs.add((double) lr);
        }
        m.put("edit_lrs", lrs);
        m.put("training", training);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("trained_prompts", List.copyOf(trainedPrompts));
        data.put("validation_prompts", List.copyOf(validationPrompts));
        m.put("data", data);
        try {
            TensorFiles.writeText(dir.resolve(MANIFEST), JSON.writeValueAsString(m));
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot write " + MANIFEST + ": " + e, e);
        }
        TensorFiles.deleteOthers(dir, TENSOR_STEM, w.name());
    }

    /**
     * Writes an untrained archive for {@code model} into {@code dir}: the published architecture
     * (rank 1920, one hidden layer) over the last three layers' MLP matrices, every transform the
     * identity and the normalisation statistics set to mean 0 and standard deviation 1. It edits as
     * fast as a trained one (what {@code bench edits} times) but is no editor: its update is one
     * small gradient step in the reference's sign.
     */
    public static void writeUntrained(LanguageModel model, Path dir) {
        List<MendMatrix> matrices = MendMatrix.mlp(model, MendMatrix.lastLayers(model, 3));
        try (MendNetwork net =
                MendNetwork.initial(matrices, MendConfig.PUBLISHED, 0, model.manager())) {
            for (GradientTransform gt : net.transforms.values()) {
                RunningNorm n = gt.norm;
                for (float[] zero : new float[][] {n.uMean, n.vMean}) {
                    java.util.Arrays.fill(zero, 0f);
                }
                for (float[] one : new float[][] {n.uS, n.vS, n.uStd, n.vStd}) {
                    java.util.Arrays.fill(one, 1f);
                }
                n.k = 2f;
            }
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("content_sha256", model.weights().contentHash());
            base.put("source", model.toString());
            write(dir, net, base, Map.of("untrained", true), Set.of(), Set.of());
        }
    }

    /** Field access whose errors name the file and the field. */
    private record Fields(Path file, JsonNode root) {
        CheckpointException error(String field, String expected) {
            return new CheckpointException(file + ": field '" + field + "' must be " + expected);
        }

        JsonNode get(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error(field, "present");
            }
            return v;
        }

        JsonNode object(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (!v.isObject()) {
                throw error(field, "an object");
            }
            return v;
        }

        String text(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(field, "a non-empty string");
            }
            return v.asText();
        }

        int integer(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(field, "an integer");
            }
            return v.asInt();
        }

        double number(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (!v.isNumber()) {
                throw error(field, "a number");
            }
            return v.asDouble();
        }

        boolean bool(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (!v.isBoolean()) {
                throw error(field, "true or false");
            }
            return v.asBoolean();
        }

        List<String> texts(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (!v.isArray()) {
                throw error(field, "a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isTextual()) {
                    throw error(field, "a list of strings");
                }
                out.add(e.asText());
            }
            return out;
        }
    }
}
