package dev.editgate.engine;

import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A suite file that could not be read or validated: one container that fails with every problem
 * found (each with {@code file:line:column}), so the other suites still run.
 */
final class InvalidSuiteDescriptor extends AbstractTestDescriptor
        implements Node<EditGateExecutionContext> {
    private final RuntimeException problems;

    InvalidSuiteDescriptor(
            UniqueId id,
            Path file,
            int line,
            int column,
            RuntimeException problems,
            Class<?> marker) {
        super(
                id,
                file.getFileName() + " (invalid suite)",
                marker != null
                        ? ClassSource.from(marker)
                        : FileSource.from(file.toFile(), FilePosition.from(line, column)));
        this.problems = problems;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** Keeps this empty container from being pruned: it reports the file's problems. */
    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    @Override
    public EditGateExecutionContext execute(
            EditGateExecutionContext context, Node.DynamicTestExecutor dynamicTestExecutor) {
        throw problems;
    }
}
