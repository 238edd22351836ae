package dev.editgate.scenario;

import dev.editgate.model.pull.ModelCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Expands {@code ${editgate.shared}}, {@code ${editgate.models}} and {@code ${env.NAME}} in suite
 * strings and in hyperparameter files (the editors' {@code Hyperparameters} expand with it too, so
 * both read variables the same way). Any other {@code ${...}} is an error at its position.
 *
 * <p>{@code ${editgate.shared}} is the shared data folder (setting {@code editgate.shared}, by
 * default {@code ../shared} resolved against the working directory). {@code ${editgate.models}} is
 * the folder {@code ./editgate models pull} writes Hugging Face folders into (the model cache's
 * {@code models} folder). The engine builds one from its settings; {@link #defaults()} is for code
 * that runs without it.
 */
public final class Variables {
    /** The setting (and variable) naming the shared data folder. */
    public static final String SHARED_PROPERTY = "editgate.shared";

    /** Accepted variables, for error messages. */
    private static final String ACCEPTED =
            "${editgate.shared}, ${editgate.models}, ${env.NAME}, and in scenarios ${model.name}";

    private final Path shared;
    private final Path models;
    private final Function<String, String> environment;
    private final Map<String, String> extra;

    public Variables(Path shared, Path models, Function<String, String> environment) {
        this(shared, models, environment, Map.of());
    }

    private Variables(
            Path shared,
            Path models,
            Function<String, String> environment,
            Map<String, String> extra) {
        this.shared = shared.toAbsolutePath().normalize();
        this.models = models.toAbsolutePath().normalize();
        this.environment = environment;
        this.extra = Map.copyOf(extra);
    }

    /**
     * These variables and {@code name} = {@code value} besides (e.g. {@code model.name}, the folder
     * name of the model a scenario runs on).
     */
    public Variables with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(extra);
        more.put(name, value);
        return new Variables(shared, models, environment, more);
    }

    /**
     * The defaults, for code run without the engine's settings: {@code ../shared}, the default
     * model cache, the process environment.
     */
    public static Variables defaults() {
        return new Variables(
                Path.of("../shared"), ModelCache.standard().modelsRoot(), System::getenv);
    }

    /** For tests: a fixed shared folder and environment. */
    public static Variables of(Path shared, Map<String, String> environment) {
        return new Variables(shared, shared.resolve("models"), environment::get);
    }

    public Path shared() {
        return shared;
    }

    /** The pulled-models folder {@code ${editgate.models}} names. */
    public Path models() {
        return models;
    }

    /**
     * {@code text} with every variable replaced.
     *
     * @throws IllegalArgumentException naming the unknown or unset variable and those accepted
     */
    public String expand(String text) {
        Path nowhere = Path.of("");
        Problems problems = new Problems(nowhere);
        String out = expand(text, new SourcePosition(nowhere, 1, 1), false, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': " + problems.firstMessage());
        }
        return out;
    }

    /**
     * {@code text} with every variable replaced. Unknown variables are reported at {@code start}
     * shifted by their offset in the text (exact for one-line scalars).
     */
    String expand(String text, SourcePosition start, boolean quoted, Problems problems) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            int close = text.indexOf('}', open);
            SourcePosition at =
                    new SourcePosition(
                            start.file(), start.line(), start.column() + open + (quoted ? 1 : 0));
            if (close < 0) {
                problems.add(
                        at,
                        "unterminated variable '"
                                + text.substring(open)
                                + "' (accepted: "
                                + ACCEPTED
                                + ")");
                return text;
            }
            String name = text.substring(open + 2, close);
            String value = lookup(name);
            if (value == null) {
                problems.add(at, unknown(name));
                out.append(text, open, close + 1);
            } else {
                out.append(value);
            }
            i = close + 1;
        }
        return out.toString();
    }

    /**
     * Why {@code missing} (a path that does not exist) is an input this machine lacks rather than a
     * mistake in the suite: it lies in the shared folder and that folder is absent, or it lies in
     * the pulled-models folder and its model is not pulled. Empty otherwise.
     */
    public Optional<String> whyAbsent(Path missing) {
        Path p = missing.toAbsolutePath().normalize();
        if (p.startsWith(shared) && !Files.isDirectory(shared)) {
            return Optional.of(
                    "the shared folder "
                            + shared
                            + " is absent on this machine; set -D"
                            + SHARED_PROPERTY
                            + " to it");
        }
        if (p.startsWith(models) && !p.equals(models)) {
            Path model = models.resolve(models.relativize(p).getName(0));
            if (!Files.isDirectory(model)) {
                return Optional.of(
                        "model "
                                + model.getFileName()
                                + " is not pulled; ./editgate models pull "
                                + model.getFileName());
            }
        }
        return Optional.empty();
    }

    private String lookup(String name) {
        if (extra.containsKey(name)) {
            return extra.get(name);
        }
        if (name.equals(SHARED_PROPERTY)) {
            return shared.toString();
        }
        if (name.equals("editgate.models")) {
            return models.toString();
        }
        if (name.startsWith("env.") && name.length() > 4) {
            return environment.apply(name.substring(4));
        }
        return null;
    }

    private static String unknown(String name) {
        if (name.startsWith("env.")) {
            return "environment variable '"
                    + name.substring(4)
                    + "' is not set (in '${"
                    + name
                    + "}')";
        }
        return "unknown variable '${" + name + "}' (accepted: " + ACCEPTED + ")";
    }
}
