package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Actions files cannot run here (no runner): they are checked to be valid YAML with the
 * keys GitHub requires, and to do what the README says they do.
 */
class CiWorkflowTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String path) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(Path.of(path)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.get("steps");
    }

    private static List<String> uses(List<Map<String, Object>> steps) {
        List<String> out = new ArrayList<>();
        steps.forEach(s -> out.add(String.valueOf(s.get("uses"))));
        return out;
    }

    private static String runs(List<Map<String, Object>> steps) {
        StringBuilder out = new StringBuilder();
        steps.forEach(s -> out.append(s.getOrDefault("run", "")).append('\n'));
        return out.toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProjectsWorkflowRunsCiRunCachesAndUploadsTheReports() throws IOException {
        Map<String, Object> w = yaml(".github/workflows/ci.yml");
        assertThat(w).containsKeys("name", "jobs");
        // YAML 1.1 reads the key `on` as true
        assertThat(w.containsKey("on") || w.containsKey(true)).isTrue();
        Map<String, Object> job =
                (Map<String, Object>) ((Map<String, Object>) w.get("jobs")).get("test");
        assertThat(job).containsKeys("runs-on", "steps");
        List<Map<String, Object>> steps = steps(job);
        for (Map<String, Object> s : steps) {
            assertThat(s.containsKey("uses") || s.containsKey("run")).as(s.toString()).isTrue();
        }
        assertThat(runs(steps))
                .contains("bash main/.ci/run")
                .contains("--github-summary \"$GITHUB_STEP_SUMMARY\"")
                .contains("--allure target/allure-results --allure-history ../allure-history")
                .contains("allure generate target/allure-results -o target/allure-report");
        assertThat(uses(steps))
                .contains(
                        "actions/checkout@v4",
                        "actions/setup-java@v4",
                        "actions/cache@v4",
                        "actions/cache/restore@v4",
                        "actions/cache/save@v4",
                        "mikepenz/action-junit-report@v4",
                        "actions/upload-artifact@v4");
        String text = Files.readString(Path.of(".github/workflows/ci.yml"));
        assertThat(text)
                .contains("cache: maven")
                .contains("path: .editgate-cache")
                .contains("name: allure-results")
                .contains("name: allure-report")
                .contains("main/reports");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("models pull", "mvn -B test");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCompositeActionTakesASuiteAndWritesEveryReport() throws IOException {
        Map<String, Object> a = yaml(".github/actions/editgate/action.yml");
        assertThat(a).containsKeys("name", "description", "inputs", "runs");
        Map<String, Object> inputs = (Map<String, Object>) a.get("inputs");
        assertThat((Map<String, Object>) inputs.get("suite")).containsEntry("required", true);
        Map<String, Object> runs = (Map<String, Object>) a.get("runs");
        assertThat(runs).containsEntry("using", "composite");
        List<Map<String, Object>> steps = steps(runs);
        for (Map<String, Object> s : steps) {
            if (s.containsKey("run")) {
                // GitHub requires a shell on every run step of a composite action
                assertThat(s).as(String.valueOf(s.get("name"))).containsEntry("shell", "bash");
            } else {
                assertThat(s).containsKey("uses");
            }
        }
        assertThat(runs(steps))
                .contains("editgate\" run ${{ inputs.suite }}")
                .contains("--allure \"$run/allure-results\" --allure-history")
                .contains("allure\" generate");
        assertThat(uses(steps))
                .contains(
                        "actions/cache/restore@v4",
                        "actions/cache/save@v4",
                        "mikepenz/action-junit-report@v4",
                        "actions/upload-artifact@v4");
    }

    @Test
    void theReadmesExampleUsesTheAction() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("uses: OWNER/editgate/.github/actions/editgate@");
        assertThat(at).as("README example").isPositive();
        int start = readme.lastIndexOf("```yaml\n", at) + "```yaml\n".length();
        int end = readme.indexOf("```", at);
        Object example = new Yaml().load(readme.substring(start, end));
        assertThat(example).isInstanceOf(Map.class);
    }
}
