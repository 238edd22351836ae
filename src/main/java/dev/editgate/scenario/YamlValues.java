package dev.editgate.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Plain Java values (maps, lists, strings, numbers, booleans) from composed YAML nodes. */
final class YamlValues {
    private YamlValues() {}

    /**
     * The node as {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code
     * Integer} / {@code Long}, {@code Double}, {@code Boolean} or null; strings have variables
     * expanded.
     */
    static Object toJava(Node node, Variables variables, Problems problems) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, variables, problems);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                out.add(toJava(item, variables, problems));
            }
            return out;
        }
        MappingNode map = (MappingNode) node;
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problems.add(t.getKeyNode(), "a key must be a plain string");
                continue;
            }
            out.put(key.getValue(), toJava(t.getValueNode(), variables, problems));
        }
        return out;
    }

    static Object scalar(ScalarNode scalar, Variables variables, Problems problems) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.INT.equals(tag)) {
                long v = Long.decode(text.replace("_", "").replace("0o", "0"));
                return v == (int) v ? (Object) (int) v : (Object) v;
            }
            if (Tag.FLOAT.equals(tag)) {
                return parseFloat(text);
            }
        } catch (NumberFormatException e) {
            problems.add(
                    scalar,
                    "'"
                            + text
                            + "' is not a number this reader understands ("
                            + e.getMessage()
                            + "); accepted: decimal integers and floats");
            return text;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(text.toLowerCase());
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        boolean quoted = scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
        return variables.expand(text, problems.at(scalar), quoted, problems);
    }

    private static double parseFloat(String text) {
        String t = text.replace("_", "").toLowerCase();
        switch (t) {
            case ".inf":
            case "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                return Double.parseDouble(t);
        }
    }

    /** A deep, unmodifiable copy (null values kept). */
    @SuppressWarnings("unchecked")
    static <T> T immutableCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), immutableCopy(v)));
            return (T) Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(immutableCopy(v)));
            return (T) Collections.unmodifiableList(out);
        }
        return value;
    }
}
