package dev.editgate.cli;

import ai.djl.engine.Engine;
import dev.editgate.report.AllureExtras;
import dev.editgate.report.GithubSummary;
import dev.editgate.report.ResultRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code run} and {@code report} write for CI: Allure's {@code categories.json}, {@code
 * environment.properties} and carried {@code history/}, and the GitHub job summary.
 */
final class CiReports {
    private CiReports() {}

    /** {@code GITHUB_SHA}, else {@code git rev-parse HEAD} here, else null. */
    static String commit() {
        String sha = System.getenv("GITHUB_SHA");
        if (sha != null && !sha.isEmpty()) {
            return sha;
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out.strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The devices PyTorch offers this process ({@code cpu}, or {@code cpu, cuda:0-1}); which one a
     * suite used is its {@code model.device}.
     */
    static String devices() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return gpus == 0 ? "cpu" : "cpu, cuda:0" + (gpus > 1 ? "-" + (gpus - 1) : "");
    }

    /** Writes the Allure extras into {@code results}; returns the history files carried. */
    static int allure(List<ResultRecord> records, Path results, Path previousReport)
            throws IOException {
        Map<String, String> env =
                AllureExtras.environment(
                        records,
                        commit(),
                        devices(),
                        Map.of(
                                "pytorch",
                                Engine.getEngine("PyTorch").getVersion(),
                                "pytorch.library",
                                System.getenv("PYTORCH_LIBRARY_PATH") == null
                                        ? "bundled cpu"
                                        : System.getenv("PYTORCH_LIBRARY_PATH")));
        return AllureExtras.write(results, env, previousReport);
    }

    /** Appends the job summary of a run to {@code file}. */
    static void githubSummary(Path file, String runId, List<ResultRecord> records, int failedSuites)
            throws IOException {
        GithubSummary.append(
                file,
                GithubSummary.render(
                        runId, records, failedSuites, GithubSummary.artifactsUrl(System.getenv())));
    }
}
