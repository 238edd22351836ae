package dev.editgate.engine;

import dev.editgate.scenario.InvalidSuiteException;
import dev.editgate.scenario.SuiteProblem;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A suite file that could not be read or validated: one container that fails with every problem
 * found (each with {@code file:line:column}), so the other suites still run. When the only problems
 * are inputs this machine lacks ({@link InvalidSuiteException#onlyAbsentInputs}: the shared folder
 * is absent, a model is not pulled), the container is skipped with that reason instead, as a test
 * whose assumption fails is.
 */
final class InvalidSuiteDescriptor extends AbstractTestDescriptor
        implements Node<EditGateExecutionContext> {
    private final InvalidSuiteException problems;

    InvalidSuiteDescriptor(
            UniqueId id,
            Path file,
            int line,
            int column,
            InvalidSuiteException problems,
            Class<?> marker) {
        super(
                id,
                file.getFileName()
                        + (problems.onlyAbsentInputs() ? " (inputs absent)" : " (invalid suite)"),
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
    public SkipResult shouldBeSkipped(EditGateExecutionContext context) {
        if (!problems.onlyAbsentInputs()) {
            return SkipResult.doNotSkip();
        }
        return SkipResult.skip(
                problems.file()
                        + ": inputs absent on this machine: "
                        + problems.problems().stream()
                                .map(SuiteProblem::toString)
                                .collect(Collectors.joining("; ")));
    }

    @Override
    public EditGateExecutionContext execute(
            EditGateExecutionContext context, Node.DynamicTestExecutor dynamicTestExecutor) {
        throw problems;
    }
}
