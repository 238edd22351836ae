package dev.editgate.edit.external;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the machine's {@code python3} is on PATH (the toy workers need nothing else). */
final class Python {
    private Python() {}

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
                return true;
            }
        }
        return false;
    }
}
