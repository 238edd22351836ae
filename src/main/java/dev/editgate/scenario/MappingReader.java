package dev.editgate.scenario;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads from one YAML mapping, each problem (missing key, wrong type, unknown key, duplicate)
 * recorded with its position instead of thrown, so one pass reports everything.
 */
final class MappingReader {
    private final Node node;
    private final String where;
    private final Problems problems;
    private final Variables variables;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    MappingReader(Node node, String where, Problems problems, Variables variables) {
        this.node = node;
        this.where = where;
        this.problems = problems;
        this.variables = variables;
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, where + " must be a mapping (key: value), found " + kind(node));
            return;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problems.add(t.getKeyNode(), "keys of " + where + " must be plain strings");
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), t);
            if (first != null) {
                problems.add(
                        key,
                        "duplicate key '"
                                + key.getValue()
                                + "' in "
                                + where
                                + " (first at line "
                                + (first.getKeyNode().getStartMark().getLine() + 1)
                                + ")");
            }
        }
    }

    Node node() {
        return node;
    }

    String where() {
        return where;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Reports every key not in {@code accepted}, with the nearest accepted key suggested. */
    void rejectUnknownKeys(Collection<String> accepted) {
        for (NodeTuple t : entries.values()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!accepted.contains(key)) {
                String hint =
                        NearestKey.of(key, accepted)
                                .map(k -> "did you mean '" + k + "'? ")
                                .orElse("");
                problems.add(
                        t.getKeyNode(),
                        "unknown key '"
                                + key
                                + "' in "
                                + where
                                + " ("
                                + hint
                                + "accepted: "
                                + Problems.accepted(accepted)
                                + ")");
            }
        }
    }

    Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    Optional<Node> keyNode(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
    }

    /** The value, or a "missing key" problem at the mapping. */
    Optional<Node> required(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty() && node instanceof MappingNode) {
            problems.add(node, "missing key '" + key + "' in " + where);
        }
        return v;
    }

    /** A string value, variables expanded; null when absent (a problem when required). */
    String string(String key, boolean required) {
        Optional<Node> v = required ? required(key) : value(key);
        if (v.isEmpty()) {
            return null;
        }
        Node n = v.get();
        if (!(n instanceof ScalarNode s) || !Tag.STR.equals(n.getTag())) {
            problems.add(n, where + "." + key + " must be a string, found " + kind(n));
            return null;
        }
        Object expanded = YamlValues.scalar(s, variables, problems);
        return (String) expanded;
    }

    /** An integer value; null when absent or wrong (a problem when required or wrong). */
    Long integer(String key, boolean required) {
        Optional<Node> v = required ? required(key) : value(key);
        if (v.isEmpty()) {
            return null;
        }
        return integer(v.get(), where + "." + key);
    }

    Long integer(Node n, String what) {
        if (!(n instanceof ScalarNode s) || !Tag.INT.equals(n.getTag())) {
            problems.add(n, what + " must be an integer, found " + kind(n));
            return null;
        }
        return ((Number) YamlValues.scalar(s, variables, problems)).longValue();
    }

    /** A number (integer or float); null when absent or wrong. */
    Double number(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return null;
        }
        Node n = v.get();
        if (!(n instanceof ScalarNode s)
                || !(Tag.INT.equals(n.getTag()) || Tag.FLOAT.equals(n.getTag()))) {
            problems.add(n, where + "." + key + " must be a number, found " + kind(n));
            return null;
        }
        return ((Number) YamlValues.scalar(s, variables, problems)).doubleValue();
    }

    /** The items of a list value; empty when absent or wrong (a problem when required or wrong). */
    List<Node> sequence(String key, boolean required) {
        Optional<Node> v = required ? required(key) : value(key);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!(v.get() instanceof SequenceNode seq)) {
            problems.add(v.get(), where + "." + key + " must be a list, found " + kind(v.get()));
            return List.of();
        }
        return seq.getValue();
    }

    /**
     * How a node reads in messages: {@code a list}, {@code the string 'x'}, {@code the number 3}.
     */
    static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) n;
        if (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag())) {
            return "the number " + s.getValue();
        }
        if (Tag.BOOL.equals(s.getTag())) {
            return "the boolean " + s.getValue();
        }
        if (Tag.NULL.equals(s.getTag())) {
            return "nothing (null)";
        }
        return "the string '" + s.getValue() + "'";
    }
}
