package dev.editgate.engine;

import dev.editgate.report.RunDirectory;
import dev.editgate.scenario.Checkpoint;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import java.util.List;
import org.junit.platform.engine.UniqueId;

/**
 * A point along the edit stream: brings the scenario's model to {@code N} edits and logs the edits
 * and the drift they caused, unless every capability below was already recorded by the run being
 * resumed.
 */
final class CheckpointDescriptor extends EditGateDescriptor {
    final ScenarioSpec scenario;
    final Checkpoint checkpoint;

    CheckpointDescriptor(UniqueId id, Suite suite, ScenarioSpec scenario, Checkpoint checkpoint) {
        super(
                id,
                suite.id()
                        + "/"
                        + scenario.id()
                        + " after "
                        + checkpoint.edits()
                        + (checkpoint.edits() == 1 ? " edit" : " edits"),
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

    /**
     * Brings the scenario to this checkpoint (unless every capability below was recorded by the run
     * being resumed), then appends the batches applied to the edit log and the changed tensors'
     * drift to the drift log, once per checkpoint.
     */
    @Override
    public EditGateExecutionContext before(EditGateExecutionContext context) {
        if (!recorded(context)) {
            RunDirectory run = context.run.config.runDirectory();
            ScenarioRun scenario = context.scenario;
            JsonLines.append(run.edits(), scenario.advanceTo(checkpoint.edits()), "edit log");
            JsonLines.append(run.drift(), scenario.drift(), "parameter drift");
        }
        return context;
    }
}
