package dev.editgate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code ../shared} folder beside the project (system property {@code editgate.shared}). Tests
 * that need it call {@link #require}: when it is absent they are skipped with a message naming the
 * folder, never passed.
 */
public final class Shared {
    private Shared() {}

    public static Path root() {
        return Path.of(System.getProperty("editgate.shared", "../shared"))
                .toAbsolutePath()
                .normalize();
    }

    /** {@code root().resolve(relative)}, skipping the calling test when it does not exist. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(
                Files.exists(p),
                () -> p + " is absent (set -Deditgate.shared to the shared folder)");
        return p;
    }

    public static Path stories260k() {
        return require("models/stories260k");
    }
}
