package dev.editgate.scenario;

import dev.editgate.model.Devices;
import dev.editgate.model.Models;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads and validates suite files. Every problem of a file is collected and thrown together as an
 * {@link InvalidSuiteException}, each with its {@code file:line:column}.
 */
public final class SuiteParser {
    /** Top-level keys of a suite file. */
    public static final List<String> KEYS =
            List.of(
                    "suite",
                    "description",
                    "model",
                    "edits",
                    "checkpoints",
                    "scenarios",
                    "capabilities",
                    "tags");

    /** Keys of the {@code model} block. */
    public static final List<String> MODEL_KEYS = List.of("path", "dtype", "device", "matrix");

    /** Keys a model's {@code matrix} may vary. */
    public static final List<String> MODEL_MATRIX_KEYS = ModelMatrix.KEYS;

    /** Keys of the {@code edits} block. */
    public static final List<String> EDIT_KEYS =
            List.of("dataset", "format", "take", "batch_size", "seed", "individual");

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final Pattern TAG = Pattern.compile("[^\\s,()&|!]+");

    private final ComponentCatalog catalog;
    private final Variables variables;

    public SuiteParser(ComponentCatalog catalog, Variables variables) {
        this.catalog = catalog;
        this.variables = variables;
    }

    /**
     * Parses and validates {@code file}.
     *
     * @throws InvalidSuiteException listing every problem found in the file
     */
    public Suite parse(Path file) {
        Problems problems = new Problems(file);
        Node root = compose(file, problems);
        problems.throwIfAny();
        if (root == null) {
            problems.add(
                    new SourcePosition(file, 1, 1),
                    "empty suite file (expected keys: " + String.join(", ", KEYS) + ")");
            problems.throwIfAny();
        }
        MappingReader top = new MappingReader(root, "the suite", problems, variables);
        top.rejectUnknownKeys(KEYS);
        String id = top.string("suite", true);
        if (id != null) {
            checkId(id, top.value("suite").orElseThrow(), "suite id", problems);
        }
        String description = top.string("description", false);
        List<ModelMatrix.Entry> models = new ArrayList<>();
        ModelSpec model = model(top, file, problems, models);
        EditStreamSpec edits = edits(top, file, problems);
        List<Checkpoint> checkpoints = checkpoints(top, edits, problems);
        ComponentReader components = new ComponentReader(catalog, variables, problems, file);
        List<ScenarioSpec> scenarios =
                ModelScenarios.read(
                        models.isEmpty() ? null : models,
                        model,
                        top.sequence("scenarios", true),
                        catalog,
                        variables,
                        problems,
                        file);
        List<CapabilitySpec> capabilities =
                components.capabilities(top.sequence("capabilities", true));
        List<String> tags = tags(top, problems);
        DisjointTexts.check(catalog, scenarios, capabilities, edits, problems);
        problems.throwIfAny();
        SourcePosition position = problems.at(top.keyNode("suite").orElse(root));
        return new Suite(
                id,
                description,
                file,
                position,
                model,
                edits,
                checkpoints,
                scenarios,
                capabilities,
                tags);
    }

    private static Node compose(Path file, Problems problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new SourcePosition(file, 1, 1), "cannot read the suite file: " + e);
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by MappingReader, with both lines
        try (Reader reader = new java.io.StringReader(text)) {
            return new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            problems.add(
                    problems.at(e.getProblemMark()),
                    "YAML syntax: "
                            + e.getProblem()
                            + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (YAMLException | IOException e) {
            problems.add(new SourcePosition(file, 1, 1), "YAML syntax: " + e.getMessage());
        }
        return null;
    }

    static void checkId(String id, Node node, String what, Problems problems) {
        if (!ID.matcher(id).matches()) {
            problems.add(
                    node,
                    what
                            + " '"
                            + id
                            + "' is not valid (accepted: letters, digits, "
                            + "'.', '_' and '-', starting with a letter or digit)");
        }
    }

    /**
     * The suite's model (with a {@code matrix:}, its first); the matrix's models go to {@code
     * matrix}.
     */
    private ModelSpec model(
            MappingReader top, Path file, Problems problems, List<ModelMatrix.Entry> matrix) {
        Optional<Node> node = top.required("model");
        if (node.isEmpty()) {
            return null;
        }
        MappingReader m = new MappingReader(node.get(), "model", problems, variables);
        m.rejectUnknownKeys(MODEL_KEYS);
        Node grid = m.value("matrix").orElse(null);
        boolean pathInGrid =
                grid instanceof MappingNode g
                        && g.getValue().stream()
                                .anyMatch(
                                        t ->
                                                t.getKeyNode() instanceof ScalarNode k
                                                        && k.getValue().equals("path"));
        Path path = pathInGrid && !m.has("path") ? null : path(m, "path", true, file, problems);
        String dtype = oneOf(m, "dtype", Models.DTYPES, "float32", problems);
        String device = m.string("device", false);
        if (device == null) {
            device = "auto";
        } else {
            Devices.problem(device)
                    .ifPresent(p -> problems.add(m.value("device").orElseThrow(), p));
        }
        ModelSpec spec = new ModelSpec(path, dtype, device);
        if (grid == null) {
            return spec;
        }
        matrix.addAll(ModelMatrix.read(grid, m, spec, file, variables, problems));
        return matrix.isEmpty() ? spec : matrix.get(0).spec();
    }

    private EditStreamSpec edits(MappingReader top, Path file, Problems problems) {
        Optional<Node> node = top.required("edits");
        if (node.isEmpty()) {
            return null;
        }
        MappingReader e = new MappingReader(node.get(), "edits", problems, variables);
        e.rejectUnknownKeys(EDIT_KEYS);
        Path dataset = path(e, "dataset", false, file, problems);
        Set<String> formats = catalog.editFormats();
        String format =
                formats.isEmpty()
                        ? Optional.ofNullable(e.string("format", false)).orElse("zsre")
                        : oneOf(e, "format", formats, "zsre", problems);
        int take = positive(e, "take", true, 0, problems);
        int batch = positive(e, "batch_size", false, 1, problems);
        Long seed = e.integer("seed", false);
        String individual =
                oneOf(
                        e,
                        "individual",
                        EditStreamSpec.Individual.keys(),
                        EditStreamSpec.Individual.AT_CHECKPOINTS.key(),
                        problems);
        return new EditStreamSpec(
                dataset, format, take, batch, seed, EditStreamSpec.Individual.of(individual));
    }

    private List<Checkpoint> checkpoints(
            MappingReader top, EditStreamSpec edits, Problems problems) {
        List<Checkpoint> out = new ArrayList<>();
        List<Node> items = top.sequence("checkpoints", true);
        if (items.isEmpty() && top.has("checkpoints")) {
            problems.add(
                    top.value("checkpoints").orElseThrow(),
                    "checkpoints is empty (accepted: a list of edit counts, e.g. [1, 10, 20])");
        }
        int previous = 0;
        for (Node item : items) {
            Long n = top.integer(item, "a checkpoint");
            if (n == null) {
                continue;
            }
            if (n < 1) {
                problems.add(
                        item,
                        "checkpoint "
                                + n
                                + " must be at least 1 (the unedited model is"
                                + " the baseline, measured anyway)");
            } else if (n <= previous) {
                problems.add(
                        item,
                        "checkpoints must be strictly increasing: " + n + " after " + previous);
            } else if (edits != null && edits.take() > 0 && n > edits.take()) {
                problems.add(
                        item,
                        "checkpoint "
                                + n
                                + " is beyond edits.take = "
                                + edits.take()
                                + " (accepted: 1.."
                                + edits.take()
                                + ")");
            }
            previous = (int) Math.max(previous, n);
            out.add(new Checkpoint(n.intValue(), problems.at(item)));
        }
        return out;
    }

    private List<String> tags(MappingReader top, Problems problems) {
        List<String> tags = new ArrayList<>();
        for (Node item : top.sequence("tags", false)) {
            Object v = YamlValues.toJava(item, variables, problems);
            if (!(v instanceof String s) || !TAG.matcher(s).matches()) {
                problems.add(
                        item,
                        "a tag must be a string without spaces or any of , ( ) & | !"
                                + ", found "
                                + MappingReader.kind(item));
            } else {
                tags.add(s);
            }
        }
        return tags;
    }

    private Path path(
            MappingReader m, String key, boolean directory, Path file, Problems problems) {
        String text = m.string(key, true);
        if (text == null || text.contains("${")) {
            return null;
        }
        Path base = file.toAbsolutePath().getParent();
        Path p = base.resolve(text).normalize();
        Node at = m.value(key).orElseThrow();
        if (directory && !Files.isDirectory(p)) {
            problems.addMissing(
                    at,
                    p,
                    variables,
                    m.where()
                            + "."
                            + key
                            + ": no folder "
                            + p
                            + (Files.exists(p) ? " (it is a file)" : "")
                            + " (accepted: a folder, absolute or relative to "
                            + base
                            + ")");
        } else if (!directory && !Files.isRegularFile(p)) {
            problems.addMissing(
                    at,
                    p,
                    variables,
                    m.where()
                            + "."
                            + key
                            + ": no file "
                            + p
                            + " (accepted: a file, absolute or relative to "
                            + base
                            + ")");
        }
        return p;
    }

    private static String oneOf(
            MappingReader m,
            String key,
            Collection<String> accepted,
            String fallback,
            Problems problems) {
        String v = m.string(key, false);
        if (v == null) {
            return fallback;
        }
        if (!accepted.contains(v)) {
            String hint =
                    NearestKey.of(v, accepted).map(k -> "did you mean '" + k + "'? ").orElse("");
            problems.add(
                    m.value(key).orElseThrow(),
                    "unknown "
                            + key
                            + " '"
                            + v
                            + "' ("
                            + hint
                            + "accepted: "
                            + Problems.accepted(accepted)
                            + ")");
        }
        return v;
    }

    private static int positive(
            MappingReader m, String key, boolean required, int fallback, Problems problems) {
        Long v = m.integer(key, required);
        if (v == null) {
            return fallback;
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
            problems.add(
                    m.value(key).orElseThrow(),
                    m.where() + "." + key + " must be at least 1" + ", found " + v);
            return fallback;
        }
        return v.intValue();
    }
}
