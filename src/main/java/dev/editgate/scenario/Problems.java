package dev.editgate.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** The problems found in one suite file so far. */
final class Problems {
    private final Path file;
    private final List<SuiteProblem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    SourcePosition at(Node node) {
        return at(node.getStartMark());
    }

    SourcePosition at(Mark mark) {
        return mark == null
                ? new SourcePosition(file, 1, 1)
                : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void add(Node node, String message) {
        add(at(node), message);
    }

    void add(SourcePosition position, String message) {
        SuiteProblem p = new SuiteProblem(position, message);
        if (!found.contains(p)) { // a matrix checks each value once per combination holding it
            found.add(p);
        }
    }

    /** A missing path: an absent input when {@code variables} says so, else a plain problem. */
    void addMissing(Node node, Path path, Variables variables, String message) {
        String why = variables.whyAbsent(path).orElse(null);
        found.add(
                why == null
                        ? new SuiteProblem(at(node), message)
                        : new SuiteProblem(at(node), message + " (" + why + ")", true));
    }

    /** Adds these problems (positions in another file) to {@code other}. */
    void copyTo(Problems other) {
        other.found.addAll(found);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The message of the first problem found (call only when not {@link #isEmpty}). */
    String firstMessage() {
        return found.get(0).message();
    }

    /** Throws when anything was found, with the problems in file order. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<SuiteProblem> sorted = new ArrayList<>(found);
            sorted.sort(
                    Comparator.comparingInt((SuiteProblem p) -> p.position().line())
                            .thenComparingInt(p -> p.position().column()));
            throw new InvalidSuiteException(file, sorted);
        }
    }

    /** {@code "a, b, c"} in sorted order, or {@code "none registered"}. */
    static String accepted(Collection<String> keys) {
        return keys.isEmpty() ? "none registered" : String.join(", ", new TreeSet<>(keys));
    }
}
