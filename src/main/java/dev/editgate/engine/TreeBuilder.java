package dev.editgate.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.Checkpoint;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;

/** The levels below a suite: which children a descriptor has, and how to build one by its id. */
final class TreeBuilder {
    private TreeBuilder() {}

    /** Unique-id selectors of every child of {@code parent}. */
    static Set<DiscoverySelector> childSelectors(TestDescriptor parent) {
        Set<DiscoverySelector> out = new LinkedHashSet<>();
        if (parent instanceof SuiteDescriptor s) {
            for (ScenarioSpec sc : s.suite.scenarios()) {
                out.add(selectUniqueId(EditGateIds.scenario(s.getUniqueId(), sc.id())));
            }
        } else if (parent instanceof ScenarioDescriptor s) {
            for (Checkpoint c : s.suite.checkpoints()) {
                out.add(selectUniqueId(EditGateIds.checkpoint(s.getUniqueId(), c.edits())));
            }
        } else if (parent instanceof CheckpointDescriptor c) {
            for (CapabilitySpec cap : c.suite.capabilities()) {
                out.add(selectUniqueId(EditGateIds.capability(c.getUniqueId(), cap.id())));
            }
        }
        return out;
    }

    /** The child of {@code parent} named by the last level of {@code id}, or null if none. */
    static TestDescriptor child(TestDescriptor parent, EditGateIds.Parsed id) {
        if (id.capability() != null && parent instanceof CheckpointDescriptor c) {
            return c.suite.capabilities().stream()
                    .filter(cap -> cap.id().equals(id.capability()))
                    .findFirst()
                    .map(
                            cap ->
                                    new CapabilityDescriptor(
                                            EditGateIds.capability(c.getUniqueId(), cap.id()),
                                            c.suite,
                                            c.scenario,
                                            c.checkpoint,
                                            cap))
                    .orElse(null);
        }
        if (id.capability() == null
                && id.checkpoint() != null
                && parent instanceof ScenarioDescriptor s) {
            return s.suite.checkpoints().stream()
                    .filter(c -> c.edits() == id.checkpoint())
                    .findFirst()
                    .map(
                            c ->
                                    new CheckpointDescriptor(
                                            EditGateIds.checkpoint(s.getUniqueId(), c.edits()),
                                            s.suite,
                                            s.scenario,
                                            c))
                    .orElse(null);
        }
        if (id.checkpoint() == null
                && id.scenario() != null
                && parent instanceof SuiteDescriptor s) {
            Suite suite = s.suite;
            return suite.scenarios().stream()
                    .filter(sc -> sc.id().equals(id.scenario()))
                    .findFirst()
                    .map(
                            sc ->
                                    new ScenarioDescriptor(
                                            EditGateIds.scenario(s.getUniqueId(), sc.id()),
                                            suite,
                                            sc))
                    .orElse(null);
        }
        return null;
    }
}
