package dev.editgate.engine;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.RunDirectory;
import dev.editgate.report.SweepAllure;
import dev.editgate.report.SweepReport;
import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.Suite;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A suite file: loads the model and measures baselines before its scenarios run. */
final class SuiteDescriptor extends EditGateDescriptor {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteDescriptor.class);

    /**
     * @param marker the {@link EditGateSuites} class that selected the suite, or null; when set it
     *     is the source instead of the file (Surefire counts tests only below a class source)
     */
    SuiteDescriptor(UniqueId id, Suite suite, Class<?> marker) {
        super(
                id,
                suite.id(),
                suite,
                marker != null
                        ? ClassSource.from(marker)
                        : EditGateDescriptor.source(suite.position()));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    String path() {
        return suite.id();
    }

    @Override
    List<EditGateDescriptor> buildChildren() {
        return suite.scenarios().stream()
                .<EditGateDescriptor>map(
                        sc ->
                                new ScenarioDescriptor(
                                        getUniqueId().append(EditGateIds.SCENARIO, sc.id()),
                                        suite,
                                        sc))
                .toList();
    }

    @Override
    public EditGateExecutionContext before(EditGateExecutionContext context) {
        Map<String, CapabilitySpec> selected = new LinkedHashMap<>();
        selectedCapabilities().forEach(c -> selected.putIfAbsent(c.id(), c));
        SuiteModels models = new SuiteModels(suite, context.run, selected.values());
        // one model: baselines before any scenario; a model matrix: per model, on first use
        SuiteRun single = suite.hasModelMatrix() ? null : models.of(suite.model());
        return context.withSuite(single, models);
    }

    /**
     * Writes the suite's sweep report (its matrices' charts and tables, drift matrices) and each
     * sweep as one Allure result. A shard measured only part of a sweep, so it writes no Allure
     * result for it: {@code ./editgate report MERGED --allure DIR} does, from the merged run.
     */
    @Override
    public void after(EditGateExecutionContext context) {
        RunDirectory run = context.run.config.runDirectory();
        try {
            List<ResultRecord> records = context.run.records();
            List<Path> files = SweepReport.write(run, suite, records);
            if (!files.isEmpty()) {
                LOG.info(
                        "suite {}: sweep report in {} files under {}",
                        suite.id(),
                        files.size(),
                        run.path());
            }
            if (context.run.config.shard() == null) {
                List<String> results = SweepAllure.write(run, suite, records);
                if (!results.isEmpty()) {
                    LOG.info("suite {}: Allure results written: {}", suite.id(), results);
                }
            }
        } catch (RuntimeException e) { // a chart that cannot be drawn does not change a verdict
            LOG.warn("suite {}: sweep report not written: {}", suite.id(), e.toString());
        }
    }
}
