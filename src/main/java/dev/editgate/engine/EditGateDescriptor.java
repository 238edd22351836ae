package dev.editgate.engine;

import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.SourcePosition;
import dev.editgate.scenario.Suite;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Common ground of the engine's descriptors: each level of a suite (suite, scenario, checkpoint,
 * capability) points at its YAML node and carries the suite's tags.
 */
abstract class EditGateDescriptor extends AbstractTestDescriptor
        implements Node<EditGateExecutionContext> {
    final Suite suite;
    private final Set<TestTag> tags = new LinkedHashSet<>();

    EditGateDescriptor(UniqueId id, String displayName, Suite suite, SourcePosition position) {
        this(id, displayName, suite, source(position));
    }

    EditGateDescriptor(UniqueId id, String displayName, Suite suite, TestSource source) {
        super(id, displayName, source);
        this.suite = suite;
        suite.tags().forEach(t -> tags.add(TestTag.create(t)));
    }

    static TestSource source(SourcePosition p) {
        return FileSource.from(p.file().toFile(), FilePosition.from(p.line(), p.column()));
    }

    /** Adds a tag when it is one JUnit accepts (method and benchmark names always are). */
    void tag(String name) {
        if (TestTag.isValid(name)) {
            tags.add(TestTag.create(name));
        }
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    /** Path of display ids, unique across files: {@code suite/scenario/10/capability}. */
    abstract String path();

    /**
     * This level's children, built from the suite's specs, not yet in the tree (none below a
     * capability). Each appends its own segment to this descriptor's id.
     */
    abstract List<EditGateDescriptor> buildChildren();

    /** Whether the run being resumed recorded every measurement below this descriptor. */
    boolean recorded(EditGateExecutionContext context) {
        return getChildren().stream().allMatch(c -> ((EditGateDescriptor) c).recorded(context));
    }

    /** The capabilities measured below this descriptor, as selected (after filtering). */
    Stream<CapabilitySpec> selectedCapabilities() {
        return getChildren().stream().flatMap(c -> ((EditGateDescriptor) c).selectedCapabilities());
    }

    /** Whether {@code id} is this descriptor's or one its children would build. */
    boolean leadsTo(UniqueId id) {
        if (getUniqueId().equals(id)) {
            return true;
        }
        return buildChildren().stream()
                .anyMatch(c -> id.hasPrefix(c.getUniqueId()) && c.leadsTo(id));
    }
}
