package dev.editgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.AssertionFailedError;

/**
 * Writes a run's tests as one JUnit XML file in Surefire's format ({@code
 * reports/<run>/junit/TEST-editgate.xml}), for test-report actions and CI servers, with Surefire's
 * naming: {@code classname} is the parent's display name ({@code suite/scenario after 10 edits}),
 * {@code name} the test's ({@code mmlu after 10 rome edits}). A failed threshold is a {@code
 * failure}; any other exception, and a suite that failed as a whole, an {@code error}; a skipped
 * suite or test, {@code skipped} with the reason.
 */
final class JunitXmlListener implements TestExecutionListener {
    private final Path file;
    private final List<String> cases = new ArrayList<>();
    private final Map<String, Long> started = new HashMap<>();
    private TestPlan plan;
    private int tests;
    private int failures;
    private int errors;
    private int skipped;
    private final long begun = System.nanoTime();

    JunitXmlListener(Path file) {
        this.file = file;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        // a skipped suite (its inputs are absent here) stands for its tests, which JUnit does not
        // report one by one
        skipped++;
        tests++;
        cases.add(
                open(id, 0)
                        + "    <skipped message=\""
                        + attr(reason == null ? "" : reason)
                        + "\"/>\n  </testcase>\n");
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        if (!id.isTest() && !failed) {
            return;
        }
        if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
            return; // a container skipped by an assumption: its tests report themselves
        }
        long t0 = started.getOrDefault(id.getUniqueId(), System.nanoTime());
        double seconds = (System.nanoTime() - t0) / 1e9;
        tests++;
        StringBuilder c = new StringBuilder(open(id, seconds));
        if (failed) {
            Throwable t = result.getThrowable().orElse(null);
            String message = t == null || t.getMessage() == null ? "" : t.getMessage();
            if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                skipped++;
                c.append("    <skipped message=\"").append(attr(message)).append("\"/>\n");
            } else {
                boolean threshold = id.isTest() && t instanceof AssertionFailedError;
                if (threshold) {
                    failures++;
                } else {
                    errors++;
                }
                String tag = threshold ? "failure" : "error";
                c.append("    <")
                        .append(tag)
                        .append(" message=\"")
                        .append(attr(message))
                        .append("\" type=\"")
                        .append(t == null ? "" : t.getClass().getName())
                        .append("\">")
                        .append(text(message))
                        .append("</")
                        .append(tag)
                        .append(">\n");
            }
        }
        c.append("  </testcase>\n");
        cases.add(c.toString());
    }

    private String open(TestIdentifier id, double seconds) {
        String parent = plan.getParent(id).map(TestIdentifier::getDisplayName).orElse("editgate");
        return "  <testcase classname=\""
                + attr(parent)
                + "\" name=\""
                + attr(id.getDisplayName())
                + "\" time=\""
                + String.format(Locale.ROOT, "%.3f", seconds)
                + "\">\n";
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"editgate\" tests=\"")
                .append(tests)
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"")
                .append(errors)
                .append("\" skipped=\"")
                .append(skipped)
                .append("\" time=\"")
                .append(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - begun) / 1e9))
                .append("\" timestamp=\"")
                .append(Instant.now())
                .append("\">\n");
        cases.forEach(xml::append);
        xml.append("</testsuite>\n");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("editgate: cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    private static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
                continue; // not allowed in XML 1.0
            }
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
