package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.editgate.model.weights.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A resumable training checkpoint in {@code <out>/train-state/}: {@code state.json} (the next
 * iteration, the early stopper, the running averages, Adam's step count, and hashes of the
 * settings, data and model it belongs to) and the safetensors file it names (hypernetwork arrays
 * and normalisation buffers, Adam's moments {@code adam.m.*}/{@code adam.v.*}, and the gradients
 * accumulated since the last optimizer step {@code grad.*}). Resuming from it continues exactly as
 * the uninterrupted run would have.
 */
final class TrainingState {
    static final String DIR = "train-state";
    static final String FILE = "state.json";
    private static final String STEM = "state";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    int next;
    double bestValue = 1e9;
    int bestIteration;
    boolean finished; // stopped early: resuming does not train further
    Map<String, double[]> averages = new LinkedHashMap<>();

    static boolean exists(Path out) {
        return Files.isRegularFile(out.resolve(DIR).resolve(FILE));
    }

    /** The identity of a run: a checkpoint only resumes the run with the same three hashes. */
    record Identity(String settings, String data, String model) {}

    static void save(
            Path out,
            TrainingState s,
            Identity id,
            MendNetwork net,
            OuterOptimizer opt,
            Map<String, Object> extra) {
        Map<String, TensorData> tensors = new LinkedHashMap<>(net.state());
        opt.m.forEach((k, v) -> tensors.put("adam.m." + k, TensorData.of(v)));
        opt.v.forEach((k, v) -> tensors.put("adam.v." + k, TensorData.of(v)));
        opt.gradSum.forEach((k, v) -> tensors.put("grad." + k, TensorData.of(v)));
        Path dir = out.resolve(DIR);
        TensorFiles.Written w = TensorFiles.write(dir, STEM, tensors);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tensors", w.name());
        m.put("tensors_sha256", w.sha256());
        m.put("settings_sha256", id.settings());
        m.put("data_sha256", id.data());
        m.put("model_sha256", id.model());
        m.put("next_iteration", s.next);
        m.put("stopped_early", s.finished);
        m.put("best_value", s.bestValue);
        m.put("best_iteration", s.bestIteration);
        m.put("adam_steps", opt.steps);
        m.put("adam_state", opt.m.keySet());
        m.put("accumulated", opt.gradSum.keySet());
        m.put("averages", s.averages);
        m.putAll(extra);
        try {
            TensorFiles.writeText(dir.resolve(FILE), JSON.writeValueAsString(m));
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot write " + FILE + ": " + e, e);
        }
        TensorFiles.deleteOthers(dir, STEM, w.name());
    }

    /**
     * Loads the checkpoint into {@code net} and {@code opt}; refuses one of another run (settings,
     * data or model differ).
     */
    static TrainingState load(Path out, Identity id, MendNetwork net, OuterOptimizer opt) {
        Path file = out.resolve(DIR).resolve(FILE);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new CheckpointException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        check(file, root, "settings_sha256", id.settings(), "settings");
        check(file, root, "data_sha256", id.data(), "training or validation data");
        check(file, root, "model_sha256", id.model(), "model");
        String tensors = text(file, root, "tensors");
        if (!tensors.matches("[A-Za-z0-9._-]+\\.safetensors") || tensors.startsWith(".")) {
            throw new CheckpointException(file + ": field 'tensors' must name a file beside it");
        }
        Function<TensorData.Spec, TensorData> read =
                TensorFiles.read(file.resolveSibling(tensors), text(file, root, "tensors_sha256"));
        net.load(read);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        net.parameters().forEach(p -> shapes.put(p.name, p.value.getShape()));
        for (JsonNode n : root.path("adam_state")) {
            Shape shape = shape(file, shapes, n.asText());
            opt.m.put(n.asText(), array(opt, read, "adam.m." + n.asText(), shape));
            opt.v.put(n.asText(), array(opt, read, "adam.v." + n.asText(), shape));
        }
        for (JsonNode n : root.path("accumulated")) {
            Shape shape = shape(file, shapes, n.asText());
            opt.gradSum.put(n.asText(), array(opt, read, "grad." + n.asText(), shape));
        }
        opt.steps = root.path("adam_steps").asInt();
        TrainingState s = new TrainingState();
        s.next = root.path("next_iteration").asInt();
        s.finished = root.path("stopped_early").asBoolean();
        s.bestValue = root.path("best_value").asDouble();
        s.bestIteration = root.path("best_iteration").asInt();
        root.path("averages")
                .fields()
                .forEachRemaining(
                        e -> {
                            double[] sc = new double[2];
                            sc[0] = e.getValue().path(0).asDouble();
                            sc[1] = e.getValue().path(1).asDouble();
                            s.averages.put(e.getKey(), sc);
                        });
        return s;
    }

    private static Shape shape(Path file, Map<String, Shape> shapes, String name) {
        Shape s = shapes.get(name);
        if (s == null) {
            throw new CheckpointException(
                    file + ": optimizer state for unknown array '" + name + "'");
        }
        return s;
    }

    private static NDArray array(
            OuterOptimizer opt,
            Function<TensorData.Spec, TensorData> read,
            String name,
            Shape shape) {
        NDArray a = read.apply(new TensorData.Spec(name, shape)).toArray(opt.manager);
        a.attach(opt.manager);
        return a;
    }

    private static String text(Path file, JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual()) {
            throw new CheckpointException(file + ": field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static void check(Path file, JsonNode root, String field, String want, String what) {
        String have = text(file, root, field);
        if (!have.equals(want)) {
            throw new CheckpointException(
                    file
                            + ": this training checkpoint belongs to a run with other "
                            + what
                            + " ("
                            + field
                            + " "
                            + have
                            + ", this run "
                            + want
                            + "); resume with the same settings, data and model, or train into"
                            + " another --out folder (or pass --restart)");
        }
    }
}
