package dev.editgate.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the suite's scenarios once per model of a model {@code matrix:} (the model outermost), with
 * {@code ${model.name}} set to that model's folder name, so {@code hparams_file:
 * ../../hparams/rome/${model.name}.yaml} picks each model's preset. Each scenario's id gets the
 * model's suffix ({@code rome-l[4]-msmollm2-135m}) and its {@link MatrixPoint} the model's keys, so
 * a sweep report draws one series per model.
 */
final class ModelScenarios {
    private ModelScenarios() {}

    /** The scenarios on the suite's one model ({@code matrix} null) or on each of its models. */
    static List<ScenarioSpec> read(
            List<ModelMatrix.Entry> matrix,
            ModelSpec single,
            List<Node> items,
            ComponentCatalog catalog,
            Variables variables,
            Problems problems,
            Path file) {
        if (matrix == null) {
            Variables v =
                    single == null
                            ? variables
                            : variables.with("model.name", ModelMatrix.nameOf(single.path()));
            return new ComponentReader(catalog, v, problems, file).scenarios(items);
        }
        List<ScenarioSpec> out = new ArrayList<>();
        Map<String, ScenarioSpec> ids = new LinkedHashMap<>();
        for (ModelMatrix.Entry model : matrix) {
            Variables v = variables.with("model.name", model.name());
            for (ScenarioSpec s :
                    new ComponentReader(catalog, v, problems, file).scenarios(items)) {
                if (s.id() == null) {
                    continue;
                }
                ScenarioSpec expanded = onModel(s, model);
                ScenarioSpec first = ids.putIfAbsent(expanded.id(), expanded);
                if (first != null) {
                    problems.add(
                            model.node(),
                            "scenario id '"
                                    + expanded.id()
                                    + "' expanded from the model matrix collides with the one"
                                    + " from the scenario at line "
                                    + first.position().line()
                                    + " (accepted: ids unique in the suite; rename either)");
                    continue;
                }
                out.add(expanded);
            }
        }
        return out;
    }

    private static ScenarioSpec onModel(ScenarioSpec s, ModelMatrix.Entry model) {
        MatrixPoint own = s.matrix();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        if (own != null) {
            values.putAll(own.values());
            texts.putAll(own.texts());
            labels.putAll(own.labels());
        }
        values.putAll(model.values());
        texts.putAll(model.values());
        labels.putAll(model.labels());
        MatrixPoint point =
                new MatrixPoint(own != null ? own.base() : s.id(), values, texts, labels);
        return new ScenarioSpec(
                s.id() + model.suffix(),
                s.method(),
                s.hparams(),
                s.position(),
                s.settings(),
                s.batchSize(),
                point,
                model.spec());
    }
}
