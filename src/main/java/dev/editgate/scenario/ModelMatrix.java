package dev.editgate.scenario;

import dev.editgate.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The suite model's {@code matrix:} (model size, instruction tuning, dtype): lists of {@code path}
 * and {@code dtype} values, expanded (the first key outermost) into one model per combination.
 * Every scenario of the suite runs on every model: its id gets, per key in the order written,
 * {@code -m} + the model folder's name ({@code path}) or {@code -dtype} + the dtype ({@code
 * rome-l[4]-msmollm2-135m}). A model is named by its folder's name, so two paths whose folders
 * share a name are refused. {@code device} is not a matrix key: results do not depend on it.
 */
final class ModelMatrix {
    /** Keys a model's {@code matrix} may vary. */
    static final List<String> KEYS = List.of("path", "dtype");

    /** The keys' names in scenario ids and in sweep reports (a {@link MatrixPoint}'s keys). */
    static final Map<String, String> POINT_KEYS = Map.of("path", "model", "dtype", "dtype");

    private static final Map<String, String> LABELS = Map.of("path", "m", "dtype", "dtype");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * One model of the matrix.
     *
     * @param spec the model
     * @param name the model folder's name ({@code ${model.name}} in scenarios)
     * @param values the {@link MatrixPoint} values of this model ({@code model → smollm2-135m})
     * @param labels each key's part of the scenario ids ({@code model → msmollm2-135m})
     * @param node where the model's first value is written (for problems)
     */
    record Entry(
            ModelSpec spec,
            String name,
            Map<String, String> values,
            Map<String, String> labels,
            Node node) {

        /** The suffix of every scenario id on this model ({@code -msmollm2-135m}). */
        String suffix() {
            StringBuilder out = new StringBuilder();
            labels.values().forEach(l -> out.append('-').append(l));
            return out.toString();
        }
    }

    private ModelMatrix() {}

    /**
     * The models of {@code matrix} with the block's own {@code path}, {@code dtype} and {@code
     * device} as defaults; every problem (not a mapping, empty, unknown key, key also in the block,
     * repeated value, missing folder, two folders of one name) goes to {@code problems}.
     */
    static List<Entry> read(
            Node matrix,
            MappingReader block,
            ModelSpec defaults,
            Path file,
            Variables variables,
            Problems problems) {
        MappingReader m = new MappingReader(matrix, "model.matrix", problems, variables);
        if (!(matrix instanceof MappingNode)) {
            return List.of();
        }
        m.rejectUnknownKeys(KEYS);
        if (m.keys().isEmpty()) {
            problems.add(
                    matrix,
                    "model.matrix is empty (accepted: lists of path or dtype values, e.g."
                            + " { path: [a, b] })");
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        List<List<Node>> nodes = new ArrayList<>();
        for (String key : m.keys()) {
            if (!KEYS.contains(key)) {
                continue;
            }
            Node keyNode = m.keyNode(key).orElseThrow();
            if (block.has(key)) {
                problems.add(
                        keyNode,
                        "model."
                                + key
                                + " is also given in model.matrix (line "
                                + (block.keyNode(key).orElseThrow().getStartMark().getLine() + 1)
                                + "): give it in one place");
                continue;
            }
            List<String> values = new ArrayList<>();
            List<Node> at = new ArrayList<>();
            values(key, m.value(key).orElseThrow(), file, variables, problems, values, at);
            if (!values.isEmpty()) {
                keys.add(key);
                texts.add(values);
                nodes.add(at);
            }
        }
        if (keys.size() != m.keys().stream().filter(KEYS::contains).count()) {
            return List.of(); // a key without usable values: its problems are reported
        }
        return combinations(keys, texts, nodes, defaults, file);
    }

    private static void values(
            String key,
            Node node,
            Path file,
            Variables variables,
            Problems problems,
            List<String> out,
            List<Node> at) {
        String where = "model.matrix." + key;
        if (!(node instanceof SequenceNode seq)) {
            problems.add(node, where + " must be a list, found " + MappingReader.kind(node));
            return;
        }
        if (seq.getValue().isEmpty()) {
            problems.add(node, where + " is empty (accepted: a list of at least one " + key + ")");
            return;
        }
        Map<String, Node> seen = new HashMap<>();
        Map<String, Node> names = new HashMap<>();
        boolean bad = false;
        for (Node item : seq.getValue()) {
            Object v = YamlValues.toJava(item, variables, problems);
            if (!(item instanceof ScalarNode) || !(v instanceof String text) || text.isBlank()) {
                problems.add(item, where + " values must be strings, found " + kindOf(item));
                bad = true;
                continue;
            }
            String value = text;
            if (key.equals("path")) {
                Path p = file.toAbsolutePath().getParent().resolve(text).normalize();
                value = p.toString();
                if (!Files.isDirectory(p)) {
                    problems.addMissing(
                            item,
                            p,
                            variables,
                            where + ": no folder " + p + " (accepted: a model folder)");
                }
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                if (!NAME.matcher(name).matches()) {
                    problems.add(
                            item,
                            where
                                    + ": the folder name '"
                                    + name
                                    + "' cannot name a scenario (accepted: letters, digits, '.',"
                                    + " '_' and '-')");
                    bad = true;
                    continue;
                }
                Node other = seen.containsKey(value) ? null : names.putIfAbsent(name, item);
                if (other != null) {
                    problems.add(
                            item,
                            where
                                    + ": folder name '"
                                    + name
                                    + "' is also the name of the path at line "
                                    + (other.getStartMark().getLine() + 1)
                                    + ", so their scenario ids would collide (accepted: model"
                                    + " folders with different names)");
                    bad = true;
                    continue;
                }
            } else if (!Models.DTYPES.contains(text)) {
                problems.add(
                        item,
                        where
                                + ": unknown dtype '"
                                + text
                                + "' (accepted: "
                                + String.join(", ", Models.DTYPES)
                                + ")");
                bad = true;
                continue;
            }
            Node first = seen.putIfAbsent(value, item);
            if (first != null) {
                problems.add(
                        item,
                        where
                                + ": "
                                + text
                                + " is listed twice (first at line "
                                + (first.getStartMark().getLine() + 1)
                                + ")");
                bad = true;
                continue;
            }
            out.add(value);
            at.add(item);
        }
        if (bad) {
            out.clear();
        }
    }

    private static String kindOf(Node item) {
        return MappingReader.kind(item);
    }

    private static List<Entry> combinations(
            List<String> keys,
            List<List<String>> texts,
            List<List<Node>> nodes,
            ModelSpec defaults,
            Path file) {
        int total = 1;
        for (List<String> t : texts) {
            total *= t.size();
        }
        List<Entry> out = new ArrayList<>();
        for (int n = 0; n < total; n++) {
            Path path = defaults.path();
            String dtype = defaults.dtype();
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            Node first = null;
            int rest = n;
            int stride = total;
            for (int k = 0; k < keys.size(); k++) {
                stride /= texts.get(k).size();
                int i = rest / stride;
                rest %= stride;
                String key = keys.get(k);
                String value = texts.get(k).get(i);
                first = first == null ? nodes.get(k).get(i) : first;
                String shown = value;
                if (key.equals("path")) {
                    path = Path.of(value);
                    shown = path.getFileName().toString();
                } else {
                    dtype = value;
                }
                values.put(POINT_KEYS.get(key), shown);
                labels.put(POINT_KEYS.get(key), LABELS.get(key) + shown);
            }
            ModelSpec spec = new ModelSpec(path, dtype, defaults.device());
            out.add(new Entry(spec, nameOf(path), values, labels, first));
        }
        return out;
    }

    /** The folder name a model goes by ({@code ${model.name}}); empty for no path. */
    static String nameOf(Path path) {
        return path == null || path.getFileName() == null ? "" : path.getFileName().toString();
    }
}
