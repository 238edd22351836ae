package dev.editgate.report;

import dev.editgate.scenario.Thresholds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run as GitHub Actions job-summary Markdown ({@code GITHUB_STEP_SUMMARY}): the counts, the
 * summary table, one row per failing capability (value with its interval, baseline with its
 * interval, threshold, the message) and a link to the workflow run's artifacts.
 */
public final class GithubSummary {
    private GithubSummary() {}

    /**
     * Where the artifacts are: the workflow run's page ({@code GITHUB_SERVER_URL}/{@code
     * GITHUB_REPOSITORY}/actions/runs/{@code GITHUB_RUN_ID}), or null outside GitHub Actions.
     */
    public static String artifactsUrl(Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        String repo = env.get("GITHUB_REPOSITORY");
        String run = env.get("GITHUB_RUN_ID");
        if (server == null || repo == null || run == null) {
            return null;
        }
        return server + "/" + repo + "/actions/runs/" + run + "#artifacts";
    }

    /**
     * @param failedSuites suites that failed as a whole (malformed, or a model that did not load):
     *     they have no records; 0 when unknown
     * @param artifacts the artifacts' page, or null
     */
    public static String render(
            String runId, List<ResultRecord> records, int failedSuites, String artifacts) {
        List<ResultRecord> latest = latest(records);
        long failed = latest.stream().filter(r -> !r.passed()).count();
        StringBuilder md = new StringBuilder();
        md.append("## EditGate run `").append(runId).append("`\n\n");
        md.append(failed == 0 && failedSuites == 0 ? "✅ " : "❌ ")
                .append(latest.size())
                .append(" measurements: ")
                .append(latest.size() - failed)
                .append(" passed, ")
                .append(failed)
                .append(" failed");
        if (failedSuites > 0) {
            md.append("; ").append(failedSuites).append(" suites failed as a whole (see the log)");
        }
        md.append("\n\n");
        if (!latest.isEmpty()) {
            md.append("```text\n").append(SummaryTable.render(records).strip()).append("\n```\n\n");
        }
        if (failed > 0) {
            md.append("### Failing capabilities\n\n");
            md.append(
                    "| suite | scenario | edits | capability | value [interval] | baseline"
                            + " [interval] | threshold | message |\n");
            md.append("| --- | --- | ---: | --- | --- | --- | --- | --- |\n");
            for (ResultRecord r : latest) {
                if (r.passed()) {
                    continue;
                }
                VerdictStatistics st = r.statistics();
                md.append("| ")
                        .append(cell(r.suite()))
                        .append(" | ")
                        .append(cell(r.scenario()))
                        .append(" | ")
                        .append(r.editsApplied())
                        .append(" | ")
                        .append(cell(r.capability()))
                        .append(" | ")
                        .append(Thresholds.format(r.value()))
                        .append(interval(st == null ? null : st.ci()))
                        .append(" | ")
                        .append(r.baseline() == null ? "–" : Thresholds.format(r.baseline()))
                        .append(interval(st == null ? null : st.baselineCi()))
                        .append(" | ")
                        .append(cell(threshold(r.threshold())))
                        .append(" | ")
                        .append(cell(r.message() == null ? "" : r.message()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (artifacts != null) {
            md.append("Artifacts (Allure results and report, `reports/`): ")
                    .append(artifacts)
                    .append("\n");
        }
        return md.toString();
    }

    /** Appends {@link #render} to {@code file}, as GitHub asks of step summaries. */
    public static void append(Path file, String markdown) throws IOException {
        Files.writeString(
                file,
                markdown,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String threshold(Map<String, Double> t) {
        if (t == null || t.isEmpty()) {
            return "–";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(t).forEach((k, v) -> parts.add(k + ": " + Thresholds.format(v)));
        return String.join(", ", parts);
    }

    private static String interval(List<Double> ci) {
        String r = VerdictStatistics.range(ci);
        return r == null ? "" : " [" + r + "]";
    }

    /** A table cell: pipes escaped, on one line. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** The last record of each measurement (a resumed run may record one twice). */
    private static List<ResultRecord> latest(List<ResultRecord> records) {
        Map<MeasurementKey, ResultRecord> last = new java.util.LinkedHashMap<>();
        for (ResultRecord r : records) {
            last.remove(r.key());
            last.put(r.key(), r);
        }
        return new ArrayList<>(last.values());
    }
}
