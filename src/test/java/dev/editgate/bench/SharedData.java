package dev.editgate.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code ../shared} folder (system property {@code editgate.shared}); tests skip without it.
 */
public final class SharedData {
    private SharedData() {}

    /** {@code <shared>/<relative>}, skipping the test (naming the folder) when it is absent. */
    public static Path require(String relative) {
        Path root = Path.of(System.getProperty("editgate.shared", "../shared"));
        Path p = root.resolve(relative);
        assumeTrue(
                Files.exists(p),
                () ->
                        "skipped: "
                                + p.toAbsolutePath()
                                + " is absent (set -Deditgate.shared to the shared folder)");
        return p;
    }
}
