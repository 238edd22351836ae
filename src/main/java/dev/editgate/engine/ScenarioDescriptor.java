package dev.editgate.engine;

import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import java.util.List;
import org.junit.platform.engine.UniqueId;

/** One editing method over the suite's edit stream, from pristine weights (checked by hash). */
final class ScenarioDescriptor extends EditGateDescriptor {
    final ScenarioSpec scenario;

    ScenarioDescriptor(UniqueId id, Suite suite, ScenarioSpec scenario) {
        super(id, scenario.id() + " (" + scenario.method() + ")", suite, scenario.position());
        this.scenario = scenario;
        tag(scenario.method());
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    String path() {
        return suite.id() + "/" + scenario.id();
    }

    @Override
    List<EditGateDescriptor> buildChildren() {
        return suite.checkpoints().stream()
                .<EditGateDescriptor>map(
                        c ->
                                new CheckpointDescriptor(
                                        getUniqueId()
                                                .append(
                                                        EditGateIds.CHECKPOINT,
                                                        Integer.toString(c.edits())),
                                        suite,
                                        scenario,
                                        c))
                .toList();
    }

    @Override
    public EditGateExecutionContext before(EditGateExecutionContext context) {
        SuiteRun s = context.models.of(scenario);
        return context.withSuite(s, context.models)
                .withScenario(start(context.run, s, scenario, path()));
    }

    /**
     * Checks the scenario's edits against its method, resets the model to pristine and creates the
     * method: the scenario at 0 edits.
     *
     * @param path the scenario's path in reports ({@code suite/scenario})
     */
    static ScenarioRun start(RunState run, SuiteRun s, ScenarioSpec scenario, String path) {
        EditMethodProvider provider = run.catalog.method(scenario.method());
        try {
            provider.checkEdits(scenario.hparams(), s.edits, s.suite.baseDir());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    scenario.position()
                            + ": invalid suite: scenario "
                            + scenario.id()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        s.model.resetToPristine();
        EditContext where =
                new EditContext(
                        path,
                        s.spec.path(),
                        s.spec.dtype(),
                        s.spec.device(),
                        s.model.pristineHash(),
                        s.suite.baseDir(),
                        run.config.runDirectory().workers(s.suite.id(), scenario.id()),
                        scenario.settings(),
                        run.catalog.environment());
        EditMethod method = provider.create(s.model.model(), scenario.hparams(), where);
        return new ScenarioRun(
                scenario,
                HparamsHash.of(scenario, run.catalog.environment()),
                s,
                method,
                run.services.pristineLocality(),
                run.services.progress());
    }

    @Override
    public void after(EditGateExecutionContext context) {
        if (context.scenario != null) {
            context.scenario.close();
        }
    }
}
