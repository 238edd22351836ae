package dev.editgate.edit;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Hyperparameters of one editing method: the method's defaults, then a per-model file {@code
 * hparams/<method>/<preset>.yaml}, then overrides from a suite, each layer replacing keys of the
 * one before. Every key is checked against the accepted set; typed getters name the key, the value
 * and where it came from when it has the wrong type.
 *
 * <p>A suite picks a file with {@code preset: gpt2-xl} (looked up under the {@link
 * EditEnvironment#presetsRoot() presets root}, setting {@code editgate.hparams}, default {@code
 * hparams}) or {@code hparams_file: path}. String values may use the variables suites use ({@code
 * ${editgate.shared}}, {@code ${editgate.models}}, {@code ${env.NAME}}), expanded by the
 * environment's {@link dev.editgate.scenario.Variables}.
 */
public final class Hyperparameters {
    /** Selects {@code hparams/<method>/<preset>.yaml}. */
    public static final String PRESET = "preset";

    /** Selects a hyperparameter file by path. */
    public static final String FILE = "hparams_file";

    private final String method;
    private final Map<String, Object> values;
    private final Map<String, String> origin;
    private final EditEnvironment environment;

    private Hyperparameters(
            String method,
            Map<String, Object> values,
            Map<String, String> origin,
            EditEnvironment environment) {
        this.method = method;
        this.values = values;
        this.origin = origin;
        this.environment = environment;
    }

    /** As {@link #resolve(String, Map, Map, Set, EditEnvironment)} in the default environment. */
    public static Hyperparameters resolve(
            String method,
            Map<String, Object> defaults,
            Map<String, Object> suite,
            Set<String> accepted) {
        return resolve(method, defaults, suite, accepted, EditEnvironment.defaults());
    }

    /**
     * Merges {@code defaults}, the file the suite values select (if any) and the suite values;
     * rejects keys outside {@code accepted}. Presets resolve against {@code environment}'s root.
     */
    public static Hyperparameters resolve(
            String method,
            Map<String, Object> defaults,
            Map<String, Object> suite,
            Set<String> accepted,
            EditEnvironment environment) {
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        Map<String, String> origin = new LinkedHashMap<>();
        defaults.keySet().forEach(k -> origin.put(k, "defaults"));
        Path file = selectedFile(method, suite, environment.presetsRoot()).orElse(null);
        if (file != null) {
            Map<String, Object> fromFile = readYaml(file);
            String where = file.toString();
            check(method, fromFile, accepted, where);
            fromFile.forEach(
                    (k, v) -> {
                        values.put(k, v);
                        origin.put(k, where);
                    });
        }
        Map<String, Object> rest = new LinkedHashMap<>(suite);
        rest.remove(PRESET);
        rest.remove(FILE);
        check(method, rest, accepted, "suite");
        rest.forEach(
                (k, v) -> {
                    values.put(k, v);
                    origin.put(k, "suite");
                });
        return new Hyperparameters(method, values, origin, environment);
    }

    /**
     * The file {@code suite}'s {@code preset} (under {@code presetsRoot}) or {@code hparams_file}
     * selects; empty when neither is given. Its content is part of what the values are: the engine
     * hashes it with them, so editing a preset makes a new configuration.
     */
    public static Optional<Path> selectedFile(
            String method, Map<String, Object> suite, Path presetsRoot) {
        Object preset = suite.get(PRESET);
        Object path = suite.get(FILE);
        if (preset != null && path != null) {
            throw new IllegalArgumentException(
                    method + ": give either '" + PRESET + "' or '" + FILE + "', not both");
        }
        if (preset != null) {
            return Optional.of(presetFile(presetsRoot, method, String.valueOf(preset)));
        }
        return path == null ? Optional.empty() : Optional.of(Path.of(String.valueOf(path)));
    }

    /** Loads {@code file} over {@code defaults}, then {@code overrides}. */
    public static Hyperparameters load(
            String method,
            Path file,
            Map<String, Object> defaults,
            Map<String, Object> overrides,
            Set<String> accepted) {
        Map<String, Object> suite = new LinkedHashMap<>(overrides);
        suite.put(FILE, file.toString());
        return resolve(method, defaults, suite, accepted);
    }

    /** {@code <presetsRoot>/<method>/<preset>.yaml}; the error lists the presets there. */
    public static Path presetFile(Path presetsRoot, String method, String preset) {
        Path dir = presetsRoot.resolve(method);
        Path file = dir.resolve(preset + ".yaml");
        if (!Files.isRegularFile(file)) {
            List<String> known = new ArrayList<>();
            try (var s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml"))
                        .map(n -> n.substring(0, n.length() - 5))
                        .sorted()
                        .forEach(known::add);
            } catch (IOException e) {
                // the folder itself is missing: say so below
            }
            throw new IllegalArgumentException(
                    method
                            + ": no hyperparameter preset '"
                            + preset
                            + "' ("
                            + file.toAbsolutePath()
                            + "); presets: "
                            + (known.isEmpty() ? "none in " + dir.toAbsolutePath() : known));
        }
        return file;
    }

    private static Map<String, Object> readYaml(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(
                        file + ": expected a mapping of hyperparameters");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static void check(
            String method, Map<String, Object> values, Set<String> accepted, String source) {
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException(
                        method
                                + " hyperparameter '"
                                + key
                                + "' ("
                                + source
                                + ") is not accepted; accepted: "
                                + new TreeSet<>(accepted));
            }
        }
    }

    /** The method these values belong to. */
    public String method() {
        return method;
    }

    /** Where presets, variables and caches come from. */
    public EditEnvironment environment() {
        return environment;
    }

    /** Every resolved value, by key. */
    public Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    private Object raw(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(method + " hyperparameter '" + key + "' is not set");
        }
        return values.get(key);
    }

    private IllegalArgumentException wrong(String key, Object value, String expected) {
        return new IllegalArgumentException(
                method
                        + " hyperparameter '"
                        + key
                        + "' = "
                        + value
                        + " ("
                        + origin.getOrDefault(key, "?")
                        + ") is not "
                        + expected);
    }

    public double getDouble(String key) {
        Object v = raw(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim()); // YAML 1.1 reads "5e-4" as a string
            } catch (NumberFormatException e) {
                throw wrong(key, v, "a number");
            }
        }
        throw wrong(key, v, "a number");
    }

    public int getInt(String key) {
        Object v = raw(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).intValue();
        }
        if (v instanceof String s && s.trim().matches("-?\\d+")) {
            return Integer.parseInt(s.trim());
        }
        throw wrong(key, v, "an integer");
    }

    public boolean getBoolean(String key) {
        Object v = raw(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, v, "true or false");
    }

    /** A string, with variables expanded ({@code ${editgate.shared}}, ...); null when unset. */
    public String getString(String key) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw wrong(key, v, "a string");
        }
        try {
            return environment.variables().expand(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    method
                            + " hyperparameter '"
                            + key
                            + "' ("
                            + origin.getOrDefault(key, "?")
                            + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** A list of integers; a single integer is read as a list of one. */
    public List<Integer> getIntList(String key) {
        Object v = raw(key);
        List<Integer> out = new ArrayList<>();
        if (v instanceof Number n) {
            out.add(n.intValue());
            return out;
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw wrong(key, v, "a non-empty list of integers");
        }
        for (Object o : list) {
            if (!(o instanceof Integer || o instanceof Long)) {
                throw wrong(key, v, "a list of integers");
            }
            out.add(((Number) o).intValue());
        }
        return out;
    }

    /** A list of [a, b] integer pairs (ROME's context template length parameters). */
    public List<int[]> getIntPairs(String key) {
        Object v = raw(key);
        if (!(v instanceof List<?> list)) {
            throw wrong(key, v, "a list of [length, count] pairs");
        }
        List<int[]> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof List<?> pair)
                    || pair.size() != 2
                    || !(pair.get(0) instanceof Number a)
                    || !(pair.get(1) instanceof Number b)) {
                throw wrong(key, v, "a list of [length, count] pairs");
            }
            out.add(new int[] {a.intValue(), b.intValue()});
        }
        return out;
    }

    /** A list of strings; null when unset. */
    public List<String> getStringList(String key) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw wrong(key, v, "a list of strings");
        }
        return list.stream().map(String::valueOf).toList();
    }
}
