package dev.editgate.engine;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node sees while it runs: the run, and the suite and scenario it belongs to (null above
 * them). Each level hands its children a copy with its own part filled in.
 */
final class EditGateExecutionContext implements EngineExecutionContext {
    final RunState run;
    final EngineExecutionListener listener;

    /** The suite on the model of the scenario below (null above a scenario in a model matrix). */
    final SuiteRun suite;

    /** The suite's runs, one per model (null above a suite). */
    final SuiteModels models;

    final ScenarioRun scenario;

    EditGateExecutionContext(
            RunState run, EngineExecutionListener listener, SuiteRun suite, ScenarioRun scenario) {
        this(run, listener, suite, null, scenario);
    }

    private EditGateExecutionContext(
            RunState run,
            EngineExecutionListener listener,
            SuiteRun suite,
            SuiteModels models,
            ScenarioRun scenario) {
        this.run = run;
        this.listener = listener;
        this.suite = suite;
        this.models = models;
        this.scenario = scenario;
    }

    EditGateExecutionContext withSuite(SuiteRun s, SuiteModels m) {
        return new EditGateExecutionContext(run, listener, s, m, null);
    }

    EditGateExecutionContext withScenario(ScenarioRun s) {
        return new EditGateExecutionContext(run, listener, suite, models, s);
    }
}
