package dev.editgate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files Allure reads beside the test results: {@code categories.json} (a failed threshold is
 * "Capability broke"; any other failure or error, a malformed suite or a model that did not load,
 * is "Suite or environment error"; a suite skipped because its inputs are absent is its own
 * category), {@code environment.properties} (model hashes, methods, suites, commit, device) and the
 * {@code history/} folder of the previous report, which makes Allure's trend and retries views span
 * runs.
 */
public final class AllureExtras {
    private AllureExtras() {}

    /**
     * The files of the run as a whole, not of one test: {@code merge} leaves the shards' out and
     * writes its own.
     */
    public static final java.util.Set<String> RUN_FILES =
            java.util.Set.of("categories.json", "environment.properties");

    /** Category name of a failed threshold. */
    public static final String CAPABILITY_BROKE = "Capability broke";

    /** Category name of every other failure. */
    public static final String SUITE_OR_ENVIRONMENT = "Suite or environment error";

    /** Category name of suites skipped for inputs this machine lacks. */
    public static final String INPUT_ABSENT = "Skipped: input absent here";

    /**
     * The message of a failed threshold as the engine words it ({@code lm after 10 rome edits:
     * 12.15 > 1.1 × baseline 3.312 ...}): the capability id, the edits, the method, a colon. Allure
     * matches it against the whole message.
     */
    public static final String THRESHOLD_MESSAGE = "(?s)\\S+ after \\d+ \\S+ edits?: .*";

    /** The categories, first match wins (Allure's rule). */
    public static List<Map<String, Object>> categories() {
        return List.of(
                category(CAPABILITY_BROKE, List.of("failed"), THRESHOLD_MESSAGE),
                category(SUITE_OR_ENVIRONMENT, List.of("failed", "broken"), null),
                category(INPUT_ABSENT, List.of("skipped"), "(?s).*(absent|not pulled).*"));
    }

    private static Map<String, Object> category(
            String name, List<String> statuses, String messageRegex) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("matchedStatuses", statuses);
        if (messageRegex != null) {
            c.put("messageRegex", messageRegex);
        }
        return c;
    }

    /**
     * {@code environment.properties} of a run: {@code model.hash}, {@code method}, {@code suite}
     * (each the distinct values of the records, comma-separated), {@code commit}, {@code device}
     * and whatever {@code extra} adds, keys sorted.
     */
    public static Map<String, String> environment(
            List<ResultRecord> records, String commit, String device, Map<String, String> extra) {
        Map<String, String> env = new java.util.TreeMap<>();
        env.put("model.hash", distinct(records.stream().map(ResultRecord::modelHash)));
        env.put("method", distinct(records.stream().map(ResultRecord::method)));
        env.put("suite", distinct(records.stream().map(ResultRecord::suite)));
        env.put("run.id", distinct(records.stream().map(ResultRecord::runId)));
        env.put("commit", commit == null ? "unknown" : commit);
        env.put("device", device == null ? "unknown" : device);
        env.putAll(extra);
        return env;
    }

    private static String distinct(Stream<String> values) {
        TreeSet<String> s = new TreeSet<>();
        values.filter(v -> v != null && !v.isEmpty()).forEach(s::add);
        return s.isEmpty() ? "none" : String.join(", ", s);
    }

    /**
     * Writes {@code categories.json} and {@code environment.properties} into an Allure results
     * folder (created if absent) and, when {@code previousReport} holds a {@code history/} folder,
     * copies it into {@code results/history} (the next report's trend starts from it).
     *
     * @return the number of history files copied
     */
    public static int write(Path results, Map<String, String> environment, Path previousReport)
            throws IOException {
        Files.createDirectories(results);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(
                results.resolve("categories.json"),
                json.writeValueAsString(categories()),
                StandardCharsets.UTF_8);
        StringBuilder props = new StringBuilder();
        environment.forEach((k, v) -> props.append(k).append('=').append(escape(v)).append('\n'));
        Files.writeString(
                results.resolve("environment.properties"), props, StandardCharsets.ISO_8859_1);
        int copied = 0;
        Path history = previousReport == null ? null : previousReport.resolve("history");
        if (history != null && Files.isDirectory(history)) {
            Path target = results.resolve("history");
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(history)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(
                            f,
                            target.resolve(f.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                    copied++;
                }
            }
        }
        return copied;
    }

    /** A .properties value: backslashes, and characters outside Latin-1 as Unicode escapes. */
    private static String escape(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '\\') {
                s.append("\\\\");
            } else if (c > 0xff || c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
