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
import java.util.List;
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
        List<Path> written = new ArrayList<>();
        List<DriftRecord> drift = DriftRecord.read(run.drift());
        for (Sweep sweep : Sweep.of(suite)) {
            if (sweep.mine(records).isEmpty()) {
                continue;
            }
            Path dir = run.sweep(suite.id(), sweep.base());
            for (String capability : sweep.capabilities(records)) {
                String svg = SweepCharts.svg(SweepCharts.capability(sweep, capability, records));
                written.add(write(dir.resolve(safe(capability) + ".svg"), svg));
            }
            if (drift.stream().anyMatch(d -> sweep.point(d.scenario()) != null)) {
                String svg = SweepCharts.svg(SweepCharts.drift(sweep, drift));
                written.add(write(dir.resolve("drift.svg"), svg));
            }
            written.add(write(dir.resolve("tables.md"), SweepTables.markdown(sweep, records)));
            written.add(write(dir.resolve("results.csv"), SweepTables.csv(sweep, records)));
        }
        for (ScenarioSpec s : suite.scenarios()) {
            if (DriftMatrixChart.tensors(suite.id(), s.id(), drift).size() >= 2) {
                String svg = SweepCharts.svg(DriftMatrixChart.of(suite.id(), s.id(), drift));
                written.add(write(run.driftMatrix(suite.id(), s.id()), svg));
            }
        }
        return written;
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
