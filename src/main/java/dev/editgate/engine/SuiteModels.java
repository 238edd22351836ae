package dev.editgate.engine;

import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.ModelSpec;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite's runs, one per model its scenarios run on: the suite's one model, or each model of a
 * model {@code matrix:}. Each is started on first use, so the baselines and the pristine locality
 * of a model are measured once, on that model, and never shared with another.
 */
final class SuiteModels {
    private final Suite suite;
    private final RunState run;
    private final List<CapabilitySpec> capabilities;
    private final Map<String, SuiteRun> runs = new LinkedHashMap<>();

    SuiteModels(Suite suite, RunState run, Collection<CapabilitySpec> capabilities) {
        this.suite = suite;
        this.run = run;
        this.capabilities = List.copyOf(capabilities);
    }

    /** The run on the model {@code scenario} runs on. */
    SuiteRun of(ScenarioSpec scenario) {
        return of(suite.modelOf(scenario));
    }

    /** The run on {@code model}, started (model loaded, baselines measured) on first use. */
    synchronized SuiteRun of(ModelSpec model) {
        SuiteRun s = runs.get(model.poolKey());
        if (s == null) {
            s = SuiteRun.start(suite, model, run, capabilities);
            runs.put(model.poolKey(), s);
        }
        return s;
    }
}
