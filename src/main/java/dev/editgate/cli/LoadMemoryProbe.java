package dev.editgate.cli;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures resident memory of loading one checkpoint in a fresh JVM: the child starts the engine,
 * reads VmRSS, loads the model, and reports VmHWM (the peak) — so the figure is the load's own.
 */
final class LoadMemoryProbe {
    record Result(long beforeBytes, long peakBytes) {}

    static Result measure(Path modelDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb =
                new ProcessBuilder(
                        java,
                        "-Xmx4g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadMemoryProbe.class.getName(),
                        modelDir.toString());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String line;
        long before = -1;
        long peak = -1;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null) {
                if (line.startsWith("before ")) {
                    before = Long.parseLong(line.substring(7).trim());
                } else if (line.startsWith("peak ")) {
                    peak = Long.parseLong(line.substring(5).trim());
                }
            }
        }
        if (p.waitFor() != 0 || before < 0 || peak < 0) {
            throw new IOException(
                    "load memory probe failed for " + modelDir + " (exit " + p.exitValue() + ")");
        }
        return new Result(before, peak);
    }

    /** Child side: prints {@code before <bytes>} and {@code peak <bytes>}. */
    public static void main(String[] args) throws IOException {
        Offline.enforce();
        try (ai.djl.ndarray.NDManager warm = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            warm.ones(new ai.djl.ndarray.types.Shape(4)).sum().getFloat();
        }
        System.gc();
        System.out.println("before " + status("VmRSS:"));
        try (LanguageModel lm = Models.load(Path.of(args[0]), "float32", "cpu")) {
            System.out.println("peak " + status("VmHWM:"));
        }
    }

    private static long status(String key) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
        for (String l : lines) {
            if (l.startsWith(key)) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no " + key + " in /proc/self/status");
    }
}
