package dev.editgate.cli;

import dev.editgate.model.init.RandomInit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Random-init models at realistic shapes for benchmarks ({@code gpt2-small}: 124M, {@code
 * llama-1b}: TinyLlama's 1.1B shape), written once under {@code target/bench-models/} (or {@code
 * EDITGATE_BENCH_MODELS}) and reused.
 */
final class BenchModels {
    private BenchModels() {}

    static Path get(String name) {
        Path root =
                Path.of(
                        System.getenv()
                                .getOrDefault("EDITGATE_BENCH_MODELS", "target/bench-models"));
        Path dir = root.resolve(name);
        if (Files.isRegularFile(dir.resolve("model.safetensors"))) {
            return dir;
        }
        try (InputStream in =
                BenchModels.class.getResourceAsStream(
                        "/dev/editgate/bench-configs/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no bench config " + name + "; known: gpt2-small, llama-1b");
            }
            Path cfg = Files.createTempFile("editgate-" + name, ".json");
            Files.copy(in, cfg, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("bench: writing random-init " + name + " to " + dir + " (once)");
            RandomInit.create(cfg, dir, 1234);
            Files.delete(cfg);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
