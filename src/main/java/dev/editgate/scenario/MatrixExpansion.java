package dev.editgate.scenario;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Turns a scenario with a {@code matrix:} into its scenarios, for {@link ComponentReader}. */
final class MatrixExpansion {
    private final Variables variables;
    private final Problems problems;
    private final Path base;

    MatrixExpansion(Variables variables, Problems problems, Path base) {
        this.variables = variables;
        this.problems = problems;
        this.base = base;
    }

    /**
     * One scenario per combination of the {@code matrix} values ({@link ScenarioMatrix}), each
     * checked like a written one, its id registered in {@code ids}.
     */
    void expand(
            MappingReader s,
            String id,
            String method,
            ComponentCatalog.Component component,
            Map<String, Object> hparams,
            Map<String, Object> settings,
            Integer batch,
            SourcePosition position,
            Map<String, Node> ids,
            List<ScenarioSpec> out) {
        Node matrix = s.value("matrix").orElseThrow();
        Set<String> accepted = null;
        if (component != null && !component.freeForm()) {
            accepted = new TreeSet<>(component.keys());
            accepted.addAll(component.settingKeys());
            accepted.add("batch_size");
        }
        Map<String, Node> inline = new HashMap<>();
        s.value("hparams")
                .filter(MappingNode.class::isInstance)
                .ifPresent(
                        n ->
                                ((MappingNode) n)
                                        .getValue()
                                        .forEach(
                                                t ->
                                                        inline.put(
                                                                ((ScalarNode) t.getKeyNode())
                                                                        .getValue(),
                                                                t.getKeyNode())));
        if (s.has("batch_size")) {
            inline.put("batch_size", s.keyNode("batch_size").orElseThrow());
        }
        List<ScenarioMatrix.Axis> axes =
                ScenarioMatrix.read(
                        matrix, s.where(), method, accepted, inline, variables, problems);
        if (id == null || axes.isEmpty() || component == null) {
            return;
        }
        for (ScenarioMatrix.Point p : ScenarioMatrix.expand(id, axes)) {
            Map<String, Object> h = new LinkedHashMap<>(hparams);
            Map<String, Object> st = new LinkedHashMap<>(settings);
            Integer b = batch;
            for (var e : p.point().values().entrySet()) {
                if (e.getKey().equals("batch_size")) {
                    b = (Integer) e.getValue();
                } else if (component.settingKeys().contains(e.getKey())) {
                    st.put(e.getKey(), e.getValue());
                } else {
                    h.put(e.getKey(), e.getValue());
                }
            }
            Node at = p.nodes().values().iterator().next();
            if (!ScenarioMatrix.EXPANDED_ID.matcher(p.id()).matches()) {
                problems.add(at, "scenario id '" + p.id() + "' from the matrix is not valid");
                continue;
            }
            Node first = ids.putIfAbsent(p.id(), at);
            if (first != null) {
                problems.add(
                        at,
                        "scenario id '"
                                + p.id()
                                + "' expanded from the matrix collides with the scenario id at"
                                + " line "
                                + (first.getStartMark().getLine() + 1)
                                + " (accepted: ids unique in the suite; rename either)");
                continue;
            }
            for (var e : p.nodes().entrySet()) {
                if (component.settingKeys().contains(e.getKey())) {
                    component
                            .checkSettings(st, base)
                            .forEach(
                                    (key, message) ->
                                            problems.add(
                                                    e.getValue(),
                                                    method + " " + key + ": " + message));
                }
            }
            try {
                component.validate(h);
            } catch (IllegalArgumentException e) {
                problems.add(matrix, "scenario " + p.id() + ": " + method + ": " + e.getMessage());
            }
            out.add(new ScenarioSpec(p.id(), method, h, position, st, b, p.point()));
        }
    }
}
