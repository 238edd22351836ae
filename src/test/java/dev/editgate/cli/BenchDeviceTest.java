package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code bench device} on this machine, which has no GPU: the CPU part runs, the CUDA part says it
 * did not, and the CHECK line says {@code gpu=none} ({@code tools/device-check.sh} reads it).
 */
class BenchDeviceTest {
    @Test
    void withoutAGpuItRunsTheCpuPartAndSaysSo() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code =
                    Main.run(
                            "bench",
                            "device",
                            "--model",
                            "src/test/resources/dev/editgate/model/fixtures/llama-gqa",
                            "--no-edit",
                            "--scores",
                            "8");
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(out)
                .contains("cpu (cpu(), float32): 8 continuations scored in ")
                .contains("no GPU: CUDA checks not run (PyTorch sees 0 CUDA device(s)")
                .containsPattern(
                        "(?m)^CHECK model=llama-gqa gpus=0 cpu_scores_per_s=[0-9.]+ gpu=none$");
    }
}
