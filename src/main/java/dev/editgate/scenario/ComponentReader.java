package dev.editgate.scenario;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code scenarios} and {@code capabilities}: ids, the named method or benchmark, and their
 * hyperparameters or settings, checked against the {@link ComponentCatalog}.
 */
final class ComponentReader {
    static final List<String> SCENARIO_KEYS =
            List.of("id", "method", "hparams", "hparams_file", "batch_size", "matrix");
    static final List<String> CAPABILITY_KEYS = List.of("id", "benchmark", "assert");

    private final ComponentCatalog catalog;
    private final Variables variables;
    private final Problems problems;
    private final Path base;

    ComponentReader(ComponentCatalog catalog, Variables variables, Problems problems, Path file) {
        this.catalog = catalog;
        this.variables = variables;
        this.problems = problems;
        this.base = file.toAbsolutePath().getParent();
    }

    List<ScenarioSpec> scenarios(List<Node> items) {
        List<ScenarioSpec> out = new ArrayList<>();
        Map<String, Node> ids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            MappingReader s =
                    new MappingReader(items.get(i), "scenarios[" + i + "]", problems, variables);
            if (!(items.get(i) instanceof MappingNode)) {
                continue;
            }
            String id = id(s, ids, "scenario");
            String method = s.string("method", true);
            ComponentCatalog.Component component =
                    method == null ? null : catalog.methods().get(method);
            Map<String, Object> settings = settings(s, method, component);
            Map<String, Object> hparams = new LinkedHashMap<>();
            s.value("hparams_file").ifPresent(n -> hparams.putAll(hparamsFile(s)));
            s.value("hparams").ifPresent(n -> hparams.putAll(map(n, s.where() + ".hparams")));
            if (method != null) {
                Node at = s.value("method").orElseThrow();
                check(
                        catalog.methods(),
                        "method",
                        method,
                        at,
                        hparams,
                        s.value("hparams").orElse(s.value("hparams_file").orElse(at)),
                        !s.has("matrix")); // a matrix's values complete them: checked per point
            }
            Integer batch = batchSize(s);
            SourcePosition position = problems.at(items.get(i));
            if (s.has("matrix")) {
                new MatrixExpansion(variables, problems, base)
                        .expand(
                                s, id, method, component, hparams, settings, batch, position, ids,
                                out);
            } else {
                out.add(new ScenarioSpec(id, method, hparams, position, settings, batch, null));
            }
        }
        return out;
    }

    /** The scenario's own {@code batch_size}, or null. */
    private Integer batchSize(MappingReader s) {
        Long v = s.integer("batch_size", false);
        if (v != null && (v < 1 || v > Integer.MAX_VALUE)) {
            problems.add(
                    s.value("batch_size").orElseThrow(),
                    s.where() + ".batch_size must be at least 1, found " + v);
            return null;
        }
        return v == null ? null : v.intValue();
    }

    /**
     * The method's own keys beside {@code hparams} (none for most methods; {@code command} and
     * friends for {@code method: external}), each checked by the method at its own position.
     */
    private Map<String, Object> settings(
            MappingReader s, String method, ComponentCatalog.Component component) {
        List<String> accepted = new ArrayList<>(SCENARIO_KEYS);
        if (component != null) {
            accepted.addAll(new java.util.TreeSet<>(component.settingKeys()));
        }
        s.rejectUnknownKeys(accepted);
        Map<String, Object> settings = new LinkedHashMap<>();
        if (component == null) {
            return settings;
        }
        for (String key : s.keys()) {
            if (component.settingKeys().contains(key)) {
                settings.put(
                        key, YamlValues.toJava(s.value(key).orElseThrow(), variables, problems));
            }
        }
        Map<String, String> found = component.checkSettings(settings, base);
        found.forEach(
                (key, message) ->
                        problems.add(
                                s.value(key).orElse(s.node()),
                                method + " " + key + ": " + message));
        return settings;
    }

    List<CapabilitySpec> capabilities(List<Node> items) {
        List<CapabilitySpec> out = new ArrayList<>();
        Map<String, Node> ids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            MappingReader c =
                    new MappingReader(items.get(i), "capabilities[" + i + "]", problems, variables);
            if (!(items.get(i) instanceof MappingNode)) {
                continue;
            }
            String id = id(c, ids, "capability");
            String benchmark = c.string("benchmark", true);
            Thresholds thresholds =
                    c.value("assert").map(n -> thresholds(n, c.where())).orElse(Thresholds.none());
            Map<String, Object> settings = new LinkedHashMap<>();
            for (String key : c.keys()) {
                if (!CAPABILITY_KEYS.contains(key)) {
                    Node v = c.value(key).orElseThrow();
                    settings.put(
                            key, checkedPath(key, YamlValues.toJava(v, variables, problems), v));
                }
            }
            ComponentCatalog.Component provider =
                    benchmark == null ? null : catalog.benchmarks().get(benchmark);
            if (provider != null) {
                List<String> accepted = new ArrayList<>(CAPABILITY_KEYS);
                accepted.addAll(provider.keys());
                c.rejectUnknownKeys(accepted);
            }
            if (benchmark != null) {
                check(
                        catalog.benchmarks(),
                        "benchmark",
                        benchmark,
                        c.value("benchmark").orElseThrow(),
                        settings,
                        items.get(i),
                        true);
            }
            out.add(
                    new CapabilitySpec(
                            id, benchmark, thresholds, settings, problems.at(items.get(i))));
        }
        return out;
    }

    private String id(MappingReader m, Map<String, Node> seen, String what) {
        String id = m.string("id", true);
        if (id == null) {
            return null;
        }
        Node at = m.value("id").orElseThrow();
        SuiteParser.checkId(id, at, what + " id", problems);
        Node first = seen.putIfAbsent(id, at);
        if (first != null) {
            problems.add(
                    at,
                    "duplicate "
                            + what
                            + " id '"
                            + id
                            + "' (first at line "
                            + (first.getStartMark().getLine() + 1)
                            + ")");
        }
        return id;
    }

    private Thresholds thresholds(Node node, String where) {
        MappingReader a = new MappingReader(node, where + ".assert", problems, variables);
        a.rejectUnknownKeys(Thresholds.KEYS);
        Double confidence = a.number("confidence");
        if (confidence != null && !(confidence > 0 && confidence < 1)) {
            problems.add(
                    a.value("confidence").orElseThrow(),
                    where
                            + ".assert.confidence must lie between 0 and 1, found "
                            + confidence
                            + " (accepted: e.g. 0.95)");
            confidence = null;
        }
        Thresholds t =
                new Thresholds(
                        a.number("min"),
                        a.number("max"),
                        a.number("min_ratio_to_baseline"),
                        a.number("max_ratio_to_baseline"),
                        a.number("max_drop"),
                        confidence,
                        minItems(a));
        if (confidence != null && t.bounds(true).isEmpty()) {
            problems.add(
                    a.keyNode("confidence").orElseThrow(),
                    where
                            + ".assert.confidence has no bound to apply to (accepted with: "
                            + Problems.accepted(Thresholds.BOUND_KEYS)
                            + ")");
        }
        if (t.min() != null && t.max() != null && t.min() > t.max()) {
            problems.add(
                    node,
                    "assert.min "
                            + t.min()
                            + " is above assert.max "
                            + t.max()
                            + ": no score can pass");
        }
        return t;
    }

    /** {@code min_items}: {@code auto} (null), {@code off} or false (0), or a positive integer. */
    private Integer minItems(MappingReader a) {
        Node n = a.value("min_items").orElse(null);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            if (Tag.INT.equals(s.getTag())) {
                long v = a.integer(s, a.where() + ".min_items");
                if (v >= 1 && v <= Integer.MAX_VALUE) {
                    return (int) v;
                }
            } else if (Tag.BOOL.equals(s.getTag())
                    && List.of("off", "false", "no").contains(s.getValue().toLowerCase())) {
                return Thresholds.MIN_ITEMS_OFF; // YAML 1.1 reads off as a boolean
            } else if (Tag.STR.equals(s.getTag()) && s.getValue().equals("auto")) {
                return null;
            }
        }
        problems.add(
                n,
                a.where()
                        + ".min_items must be auto, off or a number of items ≥ 1, found "
                        + MappingReader.kind(n)
                        + " (accepted: auto, off, 1, 2, ...)");
        return null;
    }

    /** Checks the component exists, its keys and its own validation. */
    private void check(
            Map<String, ComponentCatalog.Component> known,
            String what,
            String name,
            Node nameNode,
            Map<String, Object> values,
            Node valuesNode,
            boolean validate) {
        ComponentCatalog.Component component = known.get(name);
        if (component == null) {
            String hint =
                    NearestKey.of(name, known.keySet())
                            .map(k -> "did you mean '" + k + "'? ")
                            .orElse("");
            problems.add(
                    nameNode,
                    "unknown "
                            + what
                            + " '"
                            + name
                            + "' ("
                            + hint
                            + "accepted: "
                            + Problems.accepted(known.keySet())
                            + ")");
            return;
        }
        if (what.equals("method") && !component.freeForm()) {
            for (String key : values.keySet()) {
                if (!component.keys().contains(key)) {
                    String hint =
                            NearestKey.of(key, component.keys())
                                    .map(k -> "did you mean '" + k + "'? ")
                                    .orElse("");
                    problems.add(
                            valuesNode,
                            "unknown "
                                    + name
                                    + " hyperparameter '"
                                    + key
                                    + "' ("
                                    + hint
                                    + "accepted: "
                                    + Problems.accepted(component.keys())
                                    + ")");
                }
            }
        }
        if (!validate) {
            return;
        }
        try {
            component.validate(values);
        } catch (IllegalArgumentException e) {
            problems.add(valuesNode, name + ": " + e.getMessage());
        }
    }

    private Map<String, Object> map(Node node, String where) {
        if (!(node instanceof MappingNode)) {
            problems.add(node, where + " must be a mapping, found " + MappingReader.kind(node));
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) YamlValues.toJava(node, variables, problems);
        return m;
    }

    private Map<String, Object> hparamsFile(MappingReader s) {
        String text = s.string("hparams_file", false);
        if (text == null) {
            return Map.of();
        }
        Node at = s.value("hparams_file").orElseThrow();
        Path file = base.resolve(text).normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(
                    at,
                    "hparams_file: no file "
                            + file
                            + " (accepted: a YAML or JSON file, absolute or relative to "
                            + base
                            + ")");
            return Map.of();
        }
        Problems inFile = new Problems(file);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml().compose(r);
            if (root instanceof MappingNode) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m =
                        (Map<String, Object>) YamlValues.toJava(root, variables, inFile);
                inFile.copyTo(problems);
                return m;
            }
            problems.add(at, "hparams_file " + file + " must hold a mapping of hyperparameters");
        } catch (IOException | YAMLException e) {
            problems.add(at, "hparams_file " + file + ": " + e.getMessage());
        }
        return Map.of();
    }

    /** A {@code dataset} setting must name an existing file or folder; made absolute. */
    private Object checkedPath(String key, Object value, Node at) {
        if (!key.equals("dataset") || !(value instanceof String text)) {
            return value;
        }
        Path p = base.resolve(text).normalize();
        if (!text.contains("${") && !Files.exists(p)) {
            problems.addMissing(
                    at,
                    p,
                    variables,
                    "dataset: no file or folder "
                            + p
                            + " (accepted: a path absolute or relative to "
                            + base
                            + ")");
        }
        return p.toString();
    }
}
