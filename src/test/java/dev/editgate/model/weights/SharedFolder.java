package dev.editgate.model.weights;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (system property {@code editgate.shared}) for tests. */
final class SharedFolder {

    private SharedFolder() {}

    /** The path below the shared folder, skipping the test when it is absent. */
    static Path require(String relative) {
        Path shared = Path.of(System.getProperty("editgate.shared", "../shared"));
        Path p = shared.resolve(relative);
        assumeTrue(
                Files.exists(p),
                () ->
                        "skipped: "
                                + p.toAbsolutePath()
                                + " is absent (set -Deditgate.shared to the shared folder)");
        return p;
    }
}
