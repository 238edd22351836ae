package dev.editgate.engine;

import dev.editgate.scenario.Checkpoint;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import java.util.List;
import org.junit.platform.engine.UniqueId;

/**
 * A point along the edit stream: brings the scenario's model to {@code N} edits, unless every
 * capability below was already recorded by the run being resumed.
 */
final class CheckpointDescriptor extends EditGateDescriptor {
    final ScenarioSpec scenario;
    final Checkpoint checkpoint;

    CheckpointDescriptor(UniqueId id, Suite suite, ScenarioSpec scenario, Checkpoint checkpoint) {
        super(
                id,
                "after " + checkpoint.edits() + (checkpoint.edits() == 1 ? " edit" : " edits"),
                suite,
                checkpoint.position());
        this.scenario = scenario;
        this.checkpoint = checkpoint;
        tag(scenario.method());
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    String path() {
        return suite.id() + "/" + scenario.id() + "/" + checkpoint.edits();
    }

    @Override
    List<EditGateDescriptor> buildChildren() {
        return suite.capabilities().stream()
                .<EditGateDescriptor>map(
                        cap ->
                                new CapabilityDescriptor(
                                        getUniqueId().append(EditGateIds.CAPABILITY, cap.id()),
                                        suite,
                                        scenario,
                                        checkpoint,
                                        cap))
                .toList();
    }

    @Override
    public EditGateExecutionContext before(EditGateExecutionContext context) {
        boolean allRecorded =
                getChildren().stream()
                        .allMatch(
                                c ->
                                        c instanceof CapabilityDescriptor d
                                                && context.run
                                                        .recorded(d.key(context))
                                                        .isPresent());
        if (!allRecorded) {
            context.scenario.advanceTo(checkpoint.edits());
        }
        return context;
    }
}
