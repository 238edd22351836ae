package dev.editgate.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate bench runtime}: fp32 matmul roofline, batched scoring throughput of a GPT-2-small
 * and a 1B LLaMA shape against it, and peak resident memory while loading a checkpoint (measured in
 * a child JVM so nothing else inflates it).
 */
@Command(
        name = "runtime",
        mixinStandardHelpOptions = true,
        description = "Model runtime throughput and load memory.")
final class BenchRuntimeCommand implements Callable<Integer> {
    @Option(
            names = "--models",
            split = ",",
            defaultValue = "gpt2-small,llama-1b",
            description = "bench models (default ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--batch", defaultValue = "8")
    int batch;

    @Option(names = "--tokens", defaultValue = "128")
    int tokens;

    @Option(names = "--repeats", defaultValue = "3")
    int repeats;

    @Override
    public Integer call() throws Exception {
        double gflops = matmulGflops();
        System.out.printf("fp32 matmul 1024x1024: %.1f GFLOP/s (roofline)%n", gflops);
        StringBuilder result =
                new StringBuilder(String.format("RESULT matmul_gflops=%.1f", gflops));
        for (String name : models) {
            Path dir = BenchModels.get(name);
            long bytes = Files.size(dir.resolve("model.safetensors"));
            try (LanguageModel lm = Models.load(dir, "float32", "cpu")) {
                double tps = scoringTokensPerSecond(lm);
                double flops = 2.0 * lm.config().parameterEstimate() * tps / 1e9;
                System.out.printf(
                        "%s (%.0fM parameters): scoring %dx%d: %.0f tokens/s = %.1f GFLOP/s = %.0f%% of roofline%n",
                        name,
                        lm.config().parameterEstimate() / 1e6,
                        batch,
                        tokens,
                        tps,
                        flops,
                        100 * flops / gflops);
                String key = name.replace('-', '_');
                result.append(
                        String.format(
                                " %s_tokens_per_s=%.0f %s_roofline_fraction=%.3f",
                                key, tps, key, flops / gflops));
            }
            LoadMemoryProbe.Result mem = LoadMemoryProbe.measure(dir);
            System.out.printf(
                    "%s: checkpoint %.0f MB; resident before load %.0f MB, peak during load %.0f MB: load added %.2f x checkpoint%n",
                    name,
                    bytes / 1e6,
                    mem.beforeBytes() / 1e6,
                    mem.peakBytes() / 1e6,
                    (mem.peakBytes() - mem.beforeBytes()) / (double) bytes);
            result.append(
                    String.format(
                            " %s_load_peak_over_size=%.2f",
                            name.replace('-', '_'),
                            (mem.peakBytes() - mem.beforeBytes()) / (double) bytes));
        }
        System.out.println(result);
        return 0;
    }

    /** Best of several timed 1024² fp32 matmuls through the same engine the models use. */
    static double matmulGflops() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.randomNormal(new Shape(1024, 1024));
            NDArray b = m.randomNormal(new Shape(1024, 1024));
            double best = 0;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (i >= 3) {
                    best = Math.max(best, 2.0 * 1024 * 1024 * 1024 / s / 1e9);
                }
            }
            return best;
        }
    }

    private double scoringTokensPerSecond(LanguageModel lm) {
        Random r = new Random(7);
        List<int[]> seqs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int[] s = new int[tokens];
            for (int t = 0; t < tokens; t++) {
                s[t] = r.nextInt(256);
            }
            seqs.add(s);
        }
        TokenBatch tb = TokenBatch.leftPadded(seqs, 0);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats + 1; i++) {
            long t0 = System.nanoTime();
            try (NDManager m = lm.manager().newSubManager()) {
                NDArray logits = lm.forward(m, tb, Interventions.none()).logits();
                logits.logSoftmax(-1).getFloat(0, 0, 0);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (i > 0) {
                best = Math.min(best, s);
            }
        }
        return batch * tokens / best;
    }
}
