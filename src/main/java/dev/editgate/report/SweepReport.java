package dev.editgate.report;

import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A suite's sweep report: for every {@code matrix:} entry, under {@code
 * reports/<run>/sweeps/<suite>/<base>/}, one chart per capability ({@code <capability>.svg}, one
 * series per matrix value), the parameter-correlation chart ({@code drift.svg}, when the points
 * changed tensors), the tables per checkpoint ({@code tables.md}) and the numbers ({@code
 * results.csv}); for every scenario that changed two tensors or more, its drift matrix ({@code
 * drift-matrix/<suite>/<scenario>.svg}). The same charts go into the Allure test of each
 * measurement of a matrix scenario.
 */
public final class SweepReport {
    private static final Logger LOG = LoggerFactory.getLogger(SweepReport.class);

    private SweepReport() {}

    /** Writes the suite's sweep files from the run's records and drift log; the files written. */
    public static List<Path> write(RunDirectory run, Suite suite, List<ResultRecord> records) {
        List<DriftRecord> drift = DriftRecord.read(run.drift());
        List<Path> written = sweeps(run, Sweep.of(suite), records, drift);
        for (ScenarioSpec s : suite.scenarios()) {
            written.addAll(driftMatrix(run, suite.id(), s.id(), drift));
        }
        return written;
    }

    /**
     * Writes the sweep files of a finished run from its records alone ({@code ./editgate report}):
     * the sweeps their {@code matrix} origins name, and the drift matrix of every scenario in the
     * drift log that changed two tensors or more. The same files as the run wrote, when every
     * scenario of its suites recorded something.
     */
    public static List<Path> write(RunDirectory run, List<ResultRecord> records) {
        List<DriftRecord> drift = DriftRecord.read(run.drift());
        List<Path> written = sweeps(run, Sweep.of(records), records, drift);
        Set<List<String>> scenarios = new LinkedHashSet<>();
        records.forEach(r -> scenarios.add(List.of(r.suite(), r.scenario())));
        for (List<String> s : scenarios) {
            written.addAll(driftMatrix(run, s.get(0), s.get(1), drift));
        }
        return written;
    }

    private static List<Path> driftMatrix(
            RunDirectory run, String suite, String scenario, List<DriftRecord> drift) {
        if (DriftMatrixChart.tensors(suite, scenario, drift).size() < 2) {
            return List.of();
        }
        String svg = SweepCharts.svg(DriftMatrixChart.of(suite, scenario, drift));
        return List.of(write(run.driftMatrix(suite, scenario), svg));
    }

    private static List<Path> sweeps(
            RunDirectory run,
            List<Sweep> sweeps,
            List<ResultRecord> records,
            List<DriftRecord> drift) {
        List<Path> written = new ArrayList<>();
        for (Sweep sweep : sweeps) {
            Path dir = run.sweep(sweep.suite(), sweep.base());
            files(sweep, records, drift)
                    .forEach((name, content) -> written.add(write(dir.resolve(name), content)));
        }
        return written;
    }

    /**
     * A sweep's files by name, in order: a chart per capability, {@code drift.svg} when its points
     * changed tensors, {@code tables.md}, {@code results.csv}; none when it measured nothing.
     */
    static Map<String, String> files(
            Sweep sweep, List<ResultRecord> records, List<DriftRecord> drift) {
        Map<String, String> out = new LinkedHashMap<>();
        if (sweep.mine(records).isEmpty()) {
            return out;
        }
        for (String capability : sweep.capabilities(records)) {
            out.put(
                    safe(capability) + ".svg",
                    SweepCharts.svg(SweepCharts.capability(sweep, capability, records)));
        }
        if (drift.stream().anyMatch(d -> sweep.point(d.scenario()) != null)) {
            out.put("drift.svg", SweepCharts.svg(SweepCharts.drift(sweep, drift)));
        }
        out.put("tables.md", SweepTables.markdown(sweep, records));
        out.put("results.csv", SweepTables.csv(sweep, records));
        return out;
    }

    /**
     * Attaches to the running Allure test the sweep chart of {@code capability} for the matrix
     * {@code scenario} belongs to (every point measured so far) and the sweep's tables, and the
     * scenario's drift matrix when it changed two tensors or more. Does nothing when no Allure test
     * runs or the scenario is not from a matrix.
     */
    public static void attach(
            Suite suite,
            ScenarioSpec scenario,
            String capability,
            List<ResultRecord> records,
            Path driftFile) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return;
        }
        if (scenario.matrix() != null) {
            for (Sweep sweep : Sweep.of(suite)) {
                if (sweep.point(scenario.id()) == null) {
                    continue;
                }
                String name = capability + " vs edits by " + String.join(", ", sweep.keys());
                attach(
                        lifecycle,
                        name + " (sweep chart)",
                        "image/svg+xml",
                        "svg",
                        SweepCharts.svg(SweepCharts.capability(sweep, capability, records)));
                attach(
                        lifecycle,
                        sweep.base() + " sweep tables",
                        "text/markdown",
                        "md",
                        SweepTables.markdown(sweep, records));
            }
        }
        List<DriftRecord> drift = DriftRecord.read(driftFile);
        if (DriftMatrixChart.tensors(suite.id(), scenario.id(), drift).size() >= 2) {
            attach(
                    lifecycle,
                    "parameter drift per tensor (matrix)",
                    "image/svg+xml",
                    "svg",
                    SweepCharts.svg(DriftMatrixChart.of(suite.id(), scenario.id(), drift)));
        }
    }

    private static void attach(
            AllureLifecycle lifecycle, String name, String type, String ext, String content) {
        lifecycle.addAttachment(name, type, ext, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            LOG.debug("wrote {}", file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
