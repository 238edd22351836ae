package dev.editgate.scenario;

import java.nio.file.Path;

/**
 * A place in a suite file, 1-based, as editors and IDEs count.
 *
 * @param file the suite file
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourcePosition(Path file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
