package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./editgate} launcher's choice of when to look for a PyTorch from PyPI, run for real
 * with bash in a copy of the launcher whose {@code java} is a script: it answers {@code torch-env}
 * with an export line and otherwise prints the variables DJL reads, so the test sees whether
 * discovery ran and what reached the JVM.
 */
class LauncherTest {
    @TempDir Path dir;

    @BeforeEach
    void setUp() throws IOException {
        Files.copy(Path.of("editgate"), dir.resolve("editgate"));
        Files.createDirectories(dir.resolve("src/main"));
        Files.writeString(dir.resolve("pom.xml"), "");
        Files.createDirectories(dir.resolve("target/lib"));
        Files.writeString(dir.resolve("target/editgate.jar"), "");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(dir.resolve("src/main"), old);
        Files.setLastModifiedTime(dir.resolve("pom.xml"), old);
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Files.writeString(
                bin.resolve("java"),
                "#!/bin/sh\n"
                        + "case \"$*\" in *' torch-env'*) echo \"export PYTORCH_LIBRARY_PATH='/found/torch/lib'\";"
                        + " echo \"export PYTORCH_FLAVOR='cu128'\"; exit 0;; esac\n"
                        + "echo \"jvm PYTORCH_LIBRARY_PATH=${PYTORCH_LIBRARY_PATH:-unset}"
                        + " PYTORCH_FLAVOR=${PYTORCH_FLAVOR:-unset} DJL_OFFLINE=$DJL_OFFLINE\"\n");
        bin.resolve("java").toFile().setExecutable(true);
    }

    private String launch(Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd =
                new java.util.ArrayList<>(List.of("bash", dir.resolve("editgate").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("PYTORCH_LIBRARY_PATH");
        pb.environment().remove("PYTORCH_FLAVOR");
        pb.environment().remove("EDITGATE_TORCH");
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    private static final String FOUND =
            "jvm PYTORCH_LIBRARY_PATH=/found/torch/lib PYTORCH_FLAVOR=cu128 DJL_OFFLINE=true";
    private static final String BUNDLED =
            "jvm PYTORCH_LIBRARY_PATH=unset PYTORCH_FLAVOR=unset DJL_OFFLINE=true";

    @Test
    void looksForATorchWhenCudaIsAskedFor() throws Exception {
        assertThat(launch(Map.of(), "generate", "--model", "m", "--device", "cuda:1"))
                .isEqualTo(FOUND);
        assertThat(launch(Map.of(), "doctor", "--device=cuda")).isEqualTo(FOUND);
        assertThat(launch(Map.of("EDITGATE_TORCH", "auto"), "run", "suites")).isEqualTo(FOUND);
        assertThat(launch(Map.of("EDITGATE_TORCH", "/some/torch/lib"), "run", "suites"))
                .isEqualTo(FOUND);
    }

    @Test
    void keepsTheBundledLibraryOtherwise() throws Exception {
        assertThat(launch(Map.of(), "generate", "--model", "m", "--device", "cpu"))
                .isEqualTo(BUNDLED);
        assertThat(launch(Map.of(), "run", "suites", "--filter", "cuda")).isEqualTo(BUNDLED);
        assertThat(launch(Map.of("EDITGATE_TORCH", "bundled"), "doctor", "--device", "cuda"))
                .isEqualTo(BUNDLED);
        assertThat(launch(Map.of("PYTORCH_LIBRARY_PATH", "/mine"), "doctor", "--device", "cuda"))
                .isEqualTo("jvm PYTORCH_LIBRARY_PATH=/mine PYTORCH_FLAVOR=unset DJL_OFFLINE=true");
    }
}
