package dev.editgate.engine;

import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.Suite;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.UniqueId;

/** A suite file: loads the model and measures baselines before its scenarios run. */
final class SuiteDescriptor extends EditGateDescriptor {

    SuiteDescriptor(UniqueId id, Suite suite) {
        super(id, suite.id(), suite, suite.position());
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
    public EditGateExecutionContext before(EditGateExecutionContext context) {
        Map<String, CapabilitySpec> selected = new LinkedHashMap<>();
        for (var d : getDescendants()) {
            if (d instanceof CapabilityDescriptor c) {
                selected.putIfAbsent(c.capability.id(), c.capability);
            }
        }
        return context.withSuite(SuiteRun.start(suite, context.run, selected.values()));
    }
}
