package dev.editgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Asks a Python for the path of {@code torch/__init__.py}. */
interface PythonTorch {
    /**
     * @return the path, or empty with the reason in {@code why} when it has no torch
     */
    Optional<Path> torchInit(List<String> why);

    /** {@code python3} (or {@code EDITGATE_PYTHON}) asked through importlib, 30 s at most. */
    static PythonTorch of(String executable) {
        return why -> {
            List<String> cmd =
                    List.of(
                            executable,
                            "-c",
                            "import importlib.util as u; s = u.find_spec('torch');"
                                    + " print(s.origin if s and s.origin else '')");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    why.add(executable + ": no answer within 30 s");
                    return Optional.empty();
                }
                String line = out.strip();
                if (p.exitValue() != 0 || line.isEmpty()) {
                    why.add(
                            executable
                                    + (p.exitValue() != 0
                                            ? " failed: "
                                                    + line.lines().reduce((a, b) -> b).orElse("")
                                            : " has no torch module"));
                    return Optional.empty();
                }
                return Optional.of(Path.of(line.lines().reduce((a, b) -> b).orElseThrow()));
            } catch (IOException e) {
                why.add(executable + " cannot be run: " + e.getMessage());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why.add(executable + ": interrupted");
                return Optional.empty();
            }
        };
    }
}
