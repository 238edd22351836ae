package dev.editgate.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.EditRequest;
import dev.editgate.engine.EngineConfig;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.TokenBatch;
import dev.editgate.model.pull.ModelCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate bench device} ({@code tools/device-check.sh} runs it): the model on the CPU in
 * float32 is the reference; on a CUDA device in {@code --dtype}, the logits of a few prompts are
 * compared with it (largest difference relative to the largest reference logit, and top-1 agreement
 * at every position), and on each device continuation scoring and one ROME edit (the model's ROME
 * preset, no second moments) are timed. The last line is {@code CHECK key=value ...}; exit 1 when
 * the logits differ beyond {@code --tolerance}. Without a CUDA device only the CPU part runs, and
 * the line says {@code gpu=none}.
 */
@Command(
        name = "device",
        mixinStandardHelpOptions = true,
        description = "CUDA logits against the CPU's, scoring and ROME edit times per device.")
final class BenchDeviceCommand implements Callable<Integer> {
    @Option(names = "--model", description = "model folder (default: the pulled smollm2-135m)")
    Path model;

    @Option(
            names = "--preset",
            defaultValue = "smollm2-135m",
            description = "ROME preset under hparams/rome (default ${DEFAULT-VALUE})")
    String preset;

    @Option(
            names = "--device",
            defaultValue = "auto",
            converter = DeviceConverter.class,
            description = "the device checked against the CPU (default ${DEFAULT-VALUE})")
    String device;

    @Option(
            names = "--dtype",
            defaultValue = "float32",
            description = "dtype on that device (default ${DEFAULT-VALUE})")
    String dtype;

    @Option(
            names = "--tolerance",
            description =
                    "largest |logit difference| / largest |CPU logit| accepted (default: 1e-4"
                            + " for float32, 2e-2 for float16 and bfloat16)")
    Double tolerance;

    @Option(names = "--scores", defaultValue = "64", description = "continuations scored")
    int scores;

    @Option(names = "--no-edit", description = "skip the ROME edit")
    boolean noEdit;

    static final List<String> PROMPTS =
            List.of(
                    "The capital of France is",
                    "Water boils at a temperature of",
                    "def fibonacci(n):\n    if n < 2:\n        return",
                    "The theory of general relativity was proposed by",
                    "In 1969, the first humans landed on",
                    "Photosynthesis converts light energy into");

    @Override
    public Integer call() {
        Path dir = model != null ? model : ModelCache.standard().modelDir("smollm2-135m");
        if (!Files.isDirectory(dir)) {
            System.err.println(
                    "bench device: "
                            + dir
                            + " is absent (./editgate models pull smollm2-135m, or --model DIR)");
            return 2;
        }
        Map<String, String> check = new LinkedHashMap<>();
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        check.put("model", dir.getFileName().toString());
        check.put("gpus", String.valueOf(gpus));
        List<float[]> reference;
        try (LanguageModel cpu = Models.load(dir, "float32", "cpu")) {
            reference = logits(cpu);
            time(cpu, "cpu", check);
        }
        boolean onGpu = !device.equals("cpu") && gpus > 0;
        if (!onGpu) {
            System.out.println(
                    "no GPU: CUDA checks not run (PyTorch sees "
                            + gpus
                            + " CUDA device(s); ./editgate doctor says why)");
            check.put("gpu", "none");
            print(check);
            return 0;
        }
        double tol = tolerance != null ? tolerance : dtype.startsWith("float32") ? 1e-4 : 2e-2;
        try (LanguageModel gpu = Models.load(dir, dtype, device)) {
            String name = "cuda:" + Math.max(0, gpu.device().getDeviceId());
            check.put("gpu", name);
            check.put("dtype", dtype);
            List<float[]> onDevice = logits(gpu);
            double maxDiff = 0;
            double maxRef = 0;
            long agree = 0;
            long positions = 0;
            int vocab = gpu.config().vocabSize();
            for (int p = 0; p < reference.size(); p++) {
                float[] a = reference.get(p);
                float[] b = onDevice.get(p);
                for (int i = 0; i < a.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                    maxRef = Math.max(maxRef, Math.abs(a[i]));
                }
                for (int t = 0; t < a.length / vocab; t++) {
                    agree += argmax(a, t * vocab, vocab) == argmax(b, t * vocab, vocab) ? 1 : 0;
                    positions++;
                }
            }
            double rel = maxDiff / maxRef;
            boolean ok = rel <= tol;
            System.out.printf(
                    Locale.ROOT,
                    "%s %s against cpu float32: max |logit diff| %.3g (relative %.3g, tolerance"
                            + " %.1g) %s; top-1 agrees at %d of %d positions%n",
                    name,
                    dtype,
                    maxDiff,
                    rel,
                    tol,
                    ok ? "ok" : "BEYOND TOLERANCE",
                    agree,
                    positions);
            check.put("logits_rel_diff", String.format(Locale.ROOT, "%.3g", rel));
            check.put("tolerance", String.format(Locale.ROOT, "%.1g", tol));
            check.put("top1_agree", agree + "/" + positions);
            check.put("logits_ok", String.valueOf(ok));
            time(gpu, "gpu", check);
            print(check);
            return ok ? 0 : 1;
        }
    }

    /** The logits of every prompt, each alone (no padding), as float32 [T × V]. */
    private static List<float[]> logits(LanguageModel lm) {
        List<float[]> out = new ArrayList<>();
        for (String prompt : PROMPTS) {
            try (NDManager m = lm.manager().newSubManager()) {
                int[] ids = lm.tokenizer().encode(prompt);
                out.add(
                        lm.forward(m, TokenBatch.of(ids), Interventions.none())
                                .logits()
                                .toType(DataType.FLOAT32, false)
                                .toFloatArray());
            }
        }
        return out;
    }

    private static int argmax(float[] a, int from, int n) {
        int best = from;
        for (int i = from + 1; i < from + n; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best - from;
    }

    /** Continuations scored per second (after a warm-up) and the seconds of one ROME edit. */
    private void time(LanguageModel lm, String key, Map<String, String> check) {
        List<String> contexts = new ArrayList<>();
        List<String> continuations = new ArrayList<>();
        List<EditRequest> requests = BenchEditsCommand.requests(scores);
        for (EditRequest r : requests) {
            contexts.add(r.prompt());
            continuations.add(r.target());
        }
        lm.score(
                contexts.subList(0, Math.min(4, scores)),
                continuations.subList(0, Math.min(4, scores)));
        long t0 = System.nanoTime();
        lm.score(contexts, continuations);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s (%s, %s): %d continuations scored in %.2f s (%.1f/s)%n",
                key,
                lm.device(),
                lm.dtype(),
                scores,
                s,
                scores / s);
        check.put(key + "_scores_per_s", String.format(Locale.ROOT, "%.1f", scores / s));
        if (noEdit) {
            return;
        }
        EditMethodProvider rome =
                ServiceLoader.load(EditMethodProvider.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals("rome"))
                        .findFirst()
                        .orElseThrow();
        try (EditMethod method =
                rome.create(
                        lm,
                        Map.of("preset", preset),
                        EditContext.outsideEngine(
                                EngineConfig.fromSystemProperties().editEnvironment()))) {
            t0 = System.nanoTime();
            method.apply(
                    lm,
                    List.of(EditRequest.of("Alice Morel works as a", "Alice Morel", " pianist")));
            double e = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT, "%s: one ROME edit (preset %s) in %.1f s%n", key, preset, e);
            check.put(key + "_rome_s", String.format(Locale.ROOT, "%.1f", e));
        }
        lm.clearAdaptors();
    }

    private static void print(Map<String, String> check) {
        StringBuilder line = new StringBuilder("CHECK");
        check.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
    }
}
