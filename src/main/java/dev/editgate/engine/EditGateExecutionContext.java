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
    final SuiteRun suite;
    final ScenarioRun scenario;

    EditGateExecutionContext(
            RunState run, EngineExecutionListener listener, SuiteRun suite, ScenarioRun scenario) {
        this.run = run;
        this.listener = listener;
        this.suite = suite;
        this.scenario = scenario;
    }

    EditGateExecutionContext withSuite(SuiteRun s) {
        return new EditGateExecutionContext(run, listener, s, null);
    }

    EditGateExecutionContext withScenario(ScenarioRun s) {
        return new EditGateExecutionContext(run, listener, suite, s);
    }
}
