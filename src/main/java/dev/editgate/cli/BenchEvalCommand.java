package dev.editgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.bench.mmlu.MmluBenchmark;
import dev.editgate.bench.mmlu.MmluProvider;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.engine.EngineConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.pull.ModelCache;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate bench eval}: EditGate's evaluation against the tools users would run instead, on
 * the same model folder, items and settings, in one run: strided perplexity against Hugging Face
 * transformers, MMLU 5-shot against lm-evaluation-harness' {@code HFLM.loglikelihood}. The peers
 * run through {@code tools/peers/eval/bench.py} in a Python with torch, transformers and lm-eval;
 * model loading is outside every timing. Prints one {@code RESULT} line per benchmark.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Perplexity tokens/s against transformers and MMLU items/s against lm-eval, same"
                        + " model, items and settings, one run; values and predictions compared.")
final class BenchEvalCommand implements Callable<Integer> {
    @Option(names = "--model", description = "model folder (default: the pulled smollm2-135m)")
    Path model;

    @Option(names = "--text", description = "default: WikiText-2 test in the shared folder")
    Path text;

    @Option(names = "--bytes", defaultValue = "40000", description = "of --text (default 40000)")
    int bytes;

    @Option(names = "--window", defaultValue = "512")
    int window;

    @Option(names = "--stride", defaultValue = "256")
    int stride;

    @Option(names = "--mmlu", description = "MMLU folder (default: <editgate.shared>/data/mmlu)")
    Path mmlu;

    @Option(
            names = "--subjects",
            split = ",",
            defaultValue =
                    "high_school_geography,high_school_psychology,marketing,miscellaneous,"
                            + "nutrition,sociology,us_foreign_policy,world_religions",
            description = "default: suites/smollm2's")
    List<String> subjects;

    @Option(names = "--limit", defaultValue = "30", description = "questions (default 30)")
    int limit;

    @Option(names = "--seed", defaultValue = "1")
    int seed;

    @Option(names = "--batch", defaultValue = "4", description = "questions per batch, both sides")
    int batch;

    @Option(
            names = "--only",
            defaultValue = "perplexity,mmlu",
            split = ",",
            description = "perplexity, mmlu")
    List<String> only;

    @Option(
            names = "--peer-modes",
            defaultValue = "lm-eval",
            description = "lm-eval (its default), row-per-option (logits_cache=False); comma list")
    String peerModes;

    @Option(
            names = "--uncached",
            description = "also time EditGate's shared mode without the prefix cache")
    boolean uncached;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            converter = DeviceConverter.class,
            description = "cpu, cuda, cuda:N or auto, both sides (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--python", defaultValue = "python3", description = "a Python with the peers")
    String python;

    @Option(names = "--script", defaultValue = "tools/peers/eval/bench.py")
    Path script;

    @Override
    public Integer call() throws Exception {
        Path dir = model != null ? model : ModelCache.standard().modelDir("smollm2-135m");
        Path shared = EngineConfig.fromSystemProperties().shared();
        Path tmp = Files.createTempDirectory("editgate-bench-eval");
        List<String> cmd =
                new ArrayList<>(
                        List.of(python, script.toString(), "--model", dir.toString(), "--device"));
        cmd.add(device.equals("auto") ? "cpu" : device);
        EvalSides.Perplexity ours = null;
        EvalSides.Mmlu mine = null;
        try (LanguageModel lm = Models.load(dir, "float32", device)) {
            System.out.printf("model %s (%s, %s)%n", dir, lm.config().modelType(), lm.device());
            if (only.contains("perplexity")) {
                Path source = text != null ? text : shared.resolve("data/wikitext2/wiki.test.raw");
                String t = EvalSides.head(source, bytes);
                Path file = tmp.resolve("text.txt");
                Files.writeString(file, t, StandardCharsets.UTF_8);
                ours = EvalSides.perplexity(lm, t, window, stride);
                cmd.addAll(
                        List.of(
                                "--text",
                                file.toString(),
                                "--window",
                                String.valueOf(window),
                                "--stride",
                                String.valueOf(stride)));
            }
            if (only.contains("mmlu")) {
                Path data = mmlu != null ? mmlu : shared.resolve("data/mmlu");
                MmluBenchmark bench =
                        (MmluBenchmark)
                                new MmluProvider()
                                        .create(
                                                Map.of(
                                                        "dataset", data.toString(),
                                                        "subjects", subjects,
                                                        "limit", limit,
                                                        "seed", seed,
                                                        "batch_size", batch),
                                                Path.of("."));
                mine = EvalSides.mmlu(lm, bench, batch, uncached);
                Path file = tmp.resolve("mmlu.jsonl");
                ObjectMapper json = new ObjectMapper();
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (ChoiceRanking.Question q : mine.questions()) {
                        w.write(
                                json.writeValueAsString(
                                        Map.of(
                                                "context",
                                                q.context(),
                                                "continuations",
                                                q.continuations())));
                        w.newLine();
                    }
                }
                cmd.addAll(
                        List.of(
                                "--mmlu",
                                file.toString(),
                                "--batch-size",
                                String.valueOf(batch),
                                "--modes",
                                peerModes));
            }
        }
        System.out.println("peer: " + String.join(" ", cmd));
        JsonNode peer = EvalSides.runPeer(cmd, tmp.resolve("peer.log"));
        System.out.println("peer versions: " + peer.get("versions"));
        boolean ok = true;
        if (ours != null) {
            ok &= EvalSides.reportPerplexity(ours, peer.get("perplexity"), window, stride, device);
        }
        if (mine != null) {
            ok &= EvalSides.reportMmlu(mine, peer.get("mmlu"), batch, device);
        }
        return ok ? 0 : 1;
    }

    static String result(Map<String, String> fields) {
        StringBuilder line = new StringBuilder("RESULT");
        fields.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        return line.toString();
    }

    static String f(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }

    static Map<String, String> fields() {
        return new LinkedHashMap<>();
    }
}
