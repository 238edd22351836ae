package dev.editgate.scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A scenario's {@code matrix:}: lists of values per key, expanded into one scenario per combination
 * (the first key outermost). Each expanded id is the written id followed by, per key in the order
 * written, {@code -} + the key's label + the value: {@code rome} with {@code layers: [[2], [5]]}
 * gives {@code rome-l[2]} and {@code rome-l[5]}; with {@code batch_size: [1, 10]} as well, {@code
 * rome-l[2]-bs1}, {@code rome-l[2]-bs10}, ... A key's label is the initials of its words ({@code
 * layers} → {@code l}, {@code batch_size} → {@code bs}, {@code eps} → {@code e}, {@code v_lr} →
 * {@code vl}); keys of one matrix whose initials coincide are written in full. A value reads as
 * written in the file: numbers as typed ({@code 0.5}, {@code 1e-3}), lists in brackets without
 * spaces ({@code [4,5]}), strings of letters, digits, {@code .}, {@code _} and {@code -} as they
 * are.
 */
final class ScenarioMatrix {
    /** What an expanded id may hold: a written id's characters, brackets and commas. */
    static final Pattern EXPANDED_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-\\[\\],]*");

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");

    /** One key of the matrix with its values (Java values, their id texts, their nodes). */
    record Axis(
            String key, Node keyNode, List<Object> values, List<String> texts, List<Node> nodes) {}

    /** One combination: its id, where it sits, and the node of each value (for problems). */
    record Point(String id, MatrixPoint point, Map<String, Node> nodes) {}

    private ScenarioMatrix() {}

    /**
     * Reads the matrix; every problem (not a mapping, empty, unknown key, key also in {@code
     * hparams}, bad or repeated value) is added to {@code problems}.
     *
     * @param accepted the keys a matrix may vary (the method's hyperparameters and settings, and
     *     {@code batch_size}), or null when the method takes any hyperparameter
     * @param inline the scenario's inline {@code hparams} keys and where they are
     */
    static List<Axis> read(
            Node node,
            String where,
            String method,
            Collection<String> accepted,
            Map<String, Node> inline,
            Variables variables,
            Problems problems) {
        MappingReader m = new MappingReader(node, where + ".matrix", problems, variables);
        List<Axis> axes = new ArrayList<>();
        if (!(node instanceof MappingNode)) {
            return axes;
        }
        if (m.keys().isEmpty()) {
            problems.add(
                    node,
                    where
                            + ".matrix is empty (accepted: a mapping of keys to lists of values,"
                            + " e.g. { layers: [[2], [5]] })");
        }
        for (String key : m.keys()) {
            Node keyNode = m.keyNode(key).orElseThrow();
            if (ComponentReader.SCENARIO_KEYS.contains(key) && !key.equals("batch_size")) {
                problems.add(
                        keyNode,
                        where
                                + ".matrix cannot vary '"
                                + key
                                + "' (accepted: batch_size and "
                                + method
                                + "'s hyperparameters and settings)");
                continue;
            }
            if (accepted != null && !accepted.contains(key)) {
                String hint =
                        NearestKey.of(key, accepted)
                                .map(k -> "did you mean '" + k + "'? ")
                                .orElse("");
                problems.add(
                        keyNode,
                        "unknown matrix key '"
                                + key
                                + "' in "
                                + where
                                + ".matrix: not a "
                                + method
                                + " hyperparameter or scenario setting ("
                                + hint
                                + "accepted: "
                                + Problems.accepted(accepted)
                                + ")");
                continue;
            }
            Node twice = inline.get(key);
            if (twice != null) {
                problems.add(
                        keyNode,
                        where
                                + ".matrix."
                                + key
                                + " is also set in hparams (line "
                                + (twice.getStartMark().getLine() + 1)
                                + "): give it in one place");
                continue;
            }
            Axis axis = axis(key, keyNode, m.value(key).orElseThrow(), where, variables, problems);
            if (axis != null) {
                axes.add(axis);
            }
        }
        return axes;
    }

    private static Axis axis(
            String key,
            Node keyNode,
            Node valueNode,
            String where,
            Variables variables,
            Problems problems) {
        String at = where + ".matrix." + key;
        if (!(valueNode instanceof SequenceNode seq)) {
            problems.add(
                    valueNode,
                    at + " must be a list of values, found " + MappingReader.kind(valueNode));
            return null;
        }
        if (seq.getValue().isEmpty()) {
            problems.add(
                    valueNode,
                    at + " is empty (accepted: a list of at least one value, e.g. [1, 10])");
            return null;
        }
        List<Object> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node item : seq.getValue()) {
            String text = text(item, at, problems);
            if (text == null) {
                continue;
            }
            Object value = YamlValues.toJava(item, variables, problems);
            if (key.equals("batch_size") && !(value instanceof Integer n && n >= 1)) {
                problems.add(
                        item,
                        at + " values must be integers ≥ 1, found " + MappingReader.kind(item));
                continue;
            }
            Node first = seen.putIfAbsent(text, item);
            if (first != null) {
                problems.add(
                        item,
                        at
                                + ": value "
                                + text
                                + " is listed twice (first at line "
                                + (first.getStartMark().getLine() + 1)
                                + ")");
                continue;
            }
            values.add(value);
            texts.add(text);
            nodes.add(item);
        }
        return values.isEmpty() ? null : new Axis(key, keyNode, values, texts, nodes);
    }

    /** How a value reads in an id, or null (with a problem) when it cannot be part of one. */
    private static String text(Node item, String at, Problems problems) {
        if (item instanceof ScalarNode s) {
            Tag tag = s.getTag();
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                return s.getValue();
            }
            if (Tag.BOOL.equals(tag)) {
                return s.getValue().toLowerCase();
            }
            if (Tag.STR.equals(tag) && PLAIN.matcher(s.getValue()).matches()) {
                return s.getValue();
            }
        } else if (item instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Node n : seq.getValue()) {
                if (n instanceof SequenceNode) {
                    break;
                }
                String part = text(n, at, problems);
                if (part == null) {
                    return null;
                }
                parts.add(part);
            }
            if (parts.size() == seq.getValue().size()) {
                return "[" + String.join(",", parts) + "]";
            }
        }
        problems.add(
                item,
                at
                        + ": "
                        + MappingReader.kind(item)
                        + " cannot name a scenario (accepted: numbers, booleans, strings of"
                        + " letters, digits, '.', '_' and '-', or non-empty lists of these)");
        return null;
    }

    /** Every combination of the axes' values, the first axis outermost. */
    static List<Point> expand(String base, List<Axis> axes) {
        List<String> keys = axes.stream().map(Axis::key).toList();
        List<Point> out = new ArrayList<>();
        int total = 1;
        for (Axis a : axes) {
            total *= a.values().size();
        }
        for (int n = 0; n < total; n++) {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            Map<String, Node> nodes = new LinkedHashMap<>();
            StringBuilder id = new StringBuilder(base);
            int rest = n;
            int stride = total;
            for (Axis a : axes) {
                stride /= a.values().size();
                int i = rest / stride;
                rest %= stride;
                String label = label(a.key(), keys) + a.texts().get(i);
                values.put(a.key(), a.values().get(i));
                texts.put(a.key(), a.texts().get(i));
                labels.put(a.key(), label);
                nodes.put(a.key(), a.nodes().get(i));
                id.append('-').append(label);
            }
            out.add(new Point(id.toString(), new MatrixPoint(base, values, texts, labels), nodes));
        }
        return out;
    }

    /** The key's initials, or the key itself when another key of the matrix has the same ones. */
    static String label(String key, Collection<String> keys) {
        String initials = initials(key);
        long same = keys.stream().filter(k -> initials(k).equals(initials)).count();
        return same > 1 ? key : initials;
    }

    private static String initials(String key) {
        StringBuilder out = new StringBuilder();
        for (String word : key.split("_")) {
            if (!word.isEmpty()) {
                out.append(word.charAt(0));
            }
        }
        return out.toString();
    }
}
