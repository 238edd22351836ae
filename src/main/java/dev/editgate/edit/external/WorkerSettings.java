package dev.editgate.edit.external;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to start an external worker: the scenario keys {@code command} (argv list), {@code workdir}
 * (default: the suite's folder), {@code env} (added to EditGate's environment) and {@code
 * timeout_s} (how long one request, an edit batch or the model load, may take; default 600).
 *
 * @param command the argv; the program resolved (against {@code workdir} when it names a path)
 * @param workdir the worker's working directory
 * @param env variables added to the worker's environment
 * @param timeout how long one request may take before the worker is killed
 */
record WorkerSettings(
        List<String> command, Path workdir, Map<String, String> env, Duration timeout) {
    static final String COMMAND = "command";
    static final String WORKDIR = "workdir";
    static final String ENV = "env";
    static final String TIMEOUT = "timeout_s";
    static final Set<String> KEYS = Set.of(COMMAND, WORKDIR, ENV, TIMEOUT);
    static final double DEFAULT_TIMEOUT_S = 600;
    private static final double MAX_TIMEOUT_S = 7 * 24 * 3600;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    WorkerSettings {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** The settings, or an {@link IllegalArgumentException} listing every problem. */
    static WorkerSettings from(Map<String, Object> settings, Path suiteDir) {
        Map<String, String> problems = check(settings, suiteDir);
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            problems.forEach((k, v) -> lines.add(k + ": " + v));
            throw new IllegalArgumentException("method external: " + String.join("; ", lines));
        }
        Path workdir = workdir(settings.get(WORKDIR), suiteDir);
        Map<String, String> env = env(settings.get(ENV), new LinkedHashMap<>());
        List<String> argv = strings(settings.get(COMMAND), new LinkedHashMap<>());
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, program(argv.get(0), workdir, env).toString());
        Object t = settings.get(TIMEOUT);
        double seconds = t == null ? DEFAULT_TIMEOUT_S : ((Number) t).doubleValue();
        return new WorkerSettings(
                resolved, workdir, env, Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** Every problem of {@code settings}, by key; empty when they can start a worker. */
    static Map<String, String> check(Map<String, Object> settings, Path suiteDir) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                problems.put(key, "unknown setting (accepted: command, env, timeout_s, workdir)");
            }
        }
        Path workdir = suiteDir;
        Object w = settings.get(WORKDIR);
        if (w != null) {
            if (!(w instanceof String text) || text.isBlank()) {
                problems.put(WORKDIR, "must be a folder path (a string), found " + w);
            } else if (!Files.isDirectory(workdir(text, suiteDir))) {
                problems.put(
                        WORKDIR,
                        "no folder "
                                + workdir(text, suiteDir)
                                + " (accepted: a folder, absolute or relative to "
                                + suiteDir
                                + ")");
            } else {
                workdir = workdir(text, suiteDir);
            }
        }
        Map<String, String> env = env(settings.get(ENV), problems);
        if (!settings.containsKey(COMMAND)) {
            problems.put(
                    COMMAND,
                    "missing: method external needs the worker's argv, e.g. [python3, worker.py]");
        } else {
            List<String> argv = strings(settings.get(COMMAND), problems);
            if (argv != null && !problems.containsKey(COMMAND)) {
                try {
                    program(argv.get(0), workdir, env);
                } catch (IllegalArgumentException e) {
                    problems.put(COMMAND, e.getMessage());
                }
            }
        }
        Object t = settings.get(TIMEOUT);
        if (t != null
                && (!(t instanceof Number n)
                        || !(n.doubleValue() > 0)
                        || n.doubleValue() > MAX_TIMEOUT_S)) {
            problems.put(
                    TIMEOUT,
                    "must be a number of seconds above 0 and at most "
                            + (long) MAX_TIMEOUT_S
                            + ", found "
                            + t);
        }
        return problems;
    }

    private static Path workdir(Object text, Path suiteDir) {
        return text == null ? suiteDir : suiteDir.resolve((String) text).normalize();
    }

    private static List<String> strings(Object value, Map<String, String> problems) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.put(
                    COMMAND,
                    "must be a non-empty list of strings (the program, then its arguments),"
                            + " found "
                            + value);
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object o = list.get(i);
            if (!(o instanceof String || o instanceof Number)) {
                problems.put(
                        COMMAND,
                        "item " + i + " must be a string or a number, found " + describe(o));
                return null;
            }
            out.add(String.valueOf(o));
        }
        if (out.get(0).isBlank()) {
            problems.put(COMMAND, "the program (item 0) is empty");
            return null;
        }
        return out;
    }

    private static Map<String, String> env(Object value, Map<String, String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.put(ENV, "must be a mapping of NAME: value, found " + describe(value));
            return out;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (!ENV_NAME.matcher(name).matches()) {
                problems.put(
                        ENV,
                        "variable name '"
                                + name
                                + "' is not accepted (letters, digits and '_', not starting"
                                + " with a digit)");
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                problems.put(
                        ENV, name + " must be a string, number or boolean, found " + describe(v));
            } else {
                out.put(name, String.valueOf(v));
            }
        }
        return out;
    }

    /**
     * The program to run: a name with a '/' is a path (relative to {@code workdir}) to an
     * executable file; a bare name is looked up on {@code PATH} (the worker's, when {@code env}
     * sets it).
     */
    private static Path program(String name, Path workdir, Map<String, String> env) {
        if (name.contains("/")) {
            Path p = workdir.resolve(name).normalize();
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new IllegalArgumentException(
                        "the program "
                                + p
                                + (Files.exists(p)
                                        ? " is not an executable file"
                                        : " does not exist")
                                + " (a path in command[0] is relative to the workdir "
                                + workdir
                                + ")");
            }
            return p;
        }
        String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "the program '" + name + "' is not found on PATH (" + path + ")");
    }

    private static String describe(Object o) {
        if (o instanceof Map) {
            return "a mapping";
        }
        if (o instanceof List) {
            return "a list";
        }
        return o == null ? "nothing (null)" : "'" + o + "'";
    }
}
