package dev.editgate.engine;

import dev.editgate.report.MeasurementKey;
import dev.editgate.report.ResultRecord;
import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.Checkpoint;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The test: a capability scored after {@code N} edits of one scenario, against its threshold, named
 * as its failure message begins ({@code mmlu after 10 rome edits}). Surefire names a test without a
 * class or method source after its parent, so in its XML this test's class is the checkpoint's name
 * ({@code suite/scenario after 10 edits}), which makes the pair unique across files ({@code
 * SurefireNamesTest}).
 */
final class CapabilityDescriptor extends EditGateDescriptor {
    final ScenarioSpec scenario;
    final Checkpoint checkpoint;
    final CapabilitySpec capability;

    CapabilityDescriptor(
            UniqueId id,
            Suite suite,
            ScenarioSpec scenario,
            Checkpoint checkpoint,
            CapabilitySpec capability) {
        super(
                id,
                capability.id()
                        + " after "
                        + checkpoint.edits()
                        + " "
                        + scenario.method()
                        + (checkpoint.edits() == 1 ? " edit" : " edits"),
                suite,
                capability.position());
        this.scenario = scenario;
        this.checkpoint = checkpoint;
        this.capability = capability;
        tag(scenario.method());
        tag(capability.benchmark());
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    String path() {
        return suite.id() + "/" + scenario.id() + "/" + checkpoint.edits() + "/" + capability.id();
    }

    @Override
    List<EditGateDescriptor> buildChildren() {
        return List.of();
    }

    @Override
    boolean recorded(EditGateExecutionContext context) {
        return context.run.recorded(key(context)).isPresent();
    }

    @Override
    Stream<CapabilitySpec> selectedCapabilities() {
        return Stream.of(capability);
    }

    @Override
    public String getLegacyReportingName() {
        return path();
    }

    /** What this test measures, in the running scenario. */
    ResultRecord.Subject subject(EditGateExecutionContext context) {
        return new ResultRecord.Subject(
                context.run.config.runId(),
                suite.id(),
                scenario.id(),
                scenario.method(),
                context.scenario.hparamsHash,
                context.suite.model.pristineHash(),
                checkpoint.edits(),
                capability.id(),
                capability.benchmark(),
                suite.description());
    }

    /** Identifies this measurement across runs (for resuming). */
    MeasurementKey key(EditGateExecutionContext context) {
        return subject(context).key();
    }

    @Override
    public EditGateExecutionContext execute(
            EditGateExecutionContext context, Node.DynamicTestExecutor dynamicTestExecutor) {
        new CapabilityMeasurement(context, this).run();
        return context;
    }
}
