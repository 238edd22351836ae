package dev.editgate.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A suite file with problems; every problem found in the file is listed, in file order. */
public class InvalidSuiteException extends RuntimeException {
    private final Path file;
    private final List<SuiteProblem> problems;

    public InvalidSuiteException(Path file, List<SuiteProblem> problems) {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    private static String describe(Path file, List<SuiteProblem> problems) {
        String lines =
                problems.stream().map(SuiteProblem::toString).collect(Collectors.joining("\n"));
        return problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + " in "
                + file
                + ":\n"
                + lines;
    }

    /** The suite file. */
    public Path file() {
        return file;
    }

    /**
     * Whether every problem is an input this machine lacks ({@link SuiteProblem#absentInput}): the
     * suite is then skipped rather than failed.
     */
    public boolean onlyAbsentInputs() {
        return problems.stream().allMatch(SuiteProblem::absentInput);
    }

    /** Every problem, in the order of their positions. */
    public List<SuiteProblem> problems() {
        return problems;
    }
}
