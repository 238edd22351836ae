package dev.editgate.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.SecondMoments;
import dev.editgate.edit.stats.StatsSpec;
import dev.editgate.engine.EngineConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.pull.ModelCache;
import dev.editgate.model.weights.SafetensorsFile;
import dev.editgate.text.DocumentRange;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate bench stats}: second-moment collection, EditGate (all layers in one pass, stopped
 * after the last) against EasyEdit's own {@code layer_stats} (one call per layer, as its MEMIT
 * does), on the same model, layers and documents, in the same run; the matrices are compared. The
 * reference runs through {@code tools/peers/layer_stats/bench.py} in a Python with torch and
 * transformers, from an EasyEdit checkout.
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description =
                "Second-moment tokens/s: EditGate's one pass against EasyEdit's layer_stats, same"
                        + " model, layers and documents; the matrices compared.")
final class BenchStatsCommand implements Callable<Integer> {
    @Option(names = "--model", description = "model folder (default: the pulled smollm2-135m)")
    Path model;

    @Option(
            names = "--layers",
            defaultValue = "3-7",
            description = "default ${DEFAULT-VALUE} (MEMIT's on SmolLM2)")
    String layers;

    @Option(names = "--corpus", description = "default: WikiText-2 test in the shared folder")
    Path corpus;

    @Option(names = "--documents", defaultValue = "0-1222")
    String documents;

    @Option(
            names = "--samples",
            defaultValue = "200",
            description = "documents (default ${DEFAULT-VALUE})")
    int samples;

    @Option(
            names = "--max-length",
            defaultValue = "0",
            description = "tokens per document (0: the model's context, as the reference)")
    int maxLength;

    @Option(
            names = "--easyedit",
            required = true,
            description = "EasyEdit checkout (commit 14cea82)")
    Path easyedit;

    @Option(
            names = "--python",
            defaultValue = "python3",
            description = "a Python with torch, transformers, safetensors")
    String python;

    @Option(names = "--script", defaultValue = "tools/peers/layer_stats/bench.py")
    Path script;

    @Override
    public Integer call() throws Exception {
        Path dir = model != null ? model : ModelCache.standard().modelDir("smollm2-135m");
        Path text =
                corpus != null
                        ? corpus
                        : EngineConfig.fromSystemProperties()
                                .shared()
                                .resolve("data/wikitext2/wiki.test.raw");
        List<Integer> layerList = StatsCommand.parseLayers(layers);
        StatsSpec spec =
                new StatsSpec(
                        text,
                        DocumentRange.parse(documents),
                        samples,
                        1,
                        maxLength,
                        DataType.FLOAT32,
                        StatsSpec.DEFAULT_BATCH_TOKENS,
                        Path.of("target/bench-stats"));
        Map<String, String> result = new LinkedHashMap<>();
        try (LanguageModel lm = Models.load(dir, "float32", "cpu");
                NDManager m = lm.manager().newSubManager()) {
            List<String> docs = SecondMomentStats.sampledTexts(lm, spec);
            SecondMomentStats.collect(
                    lm,
                    layerList,
                    spec.with(spec.documents(), 10, spec.batchTokens()),
                    m); // warm-up
            SecondMoments ours = SecondMomentStats.collect(lm, layerList, spec, m);
            System.out.printf(
                    "EditGate: layers %s in one pass, %d documents, %d tokens in %.1f s = %.0f tokens/s%n",
                    layerList,
                    ours.provenance().used(),
                    ours.provenance().tokens(),
                    ours.seconds(),
                    ours.tokensPerSecond());
            Path tmp = Files.createTempDirectory("editgate-bench-stats");
            Path docsFile = tmp.resolve("documents.jsonl");
            ObjectMapper json = new ObjectMapper();
            try (BufferedWriter w = Files.newBufferedWriter(docsFile, StandardCharsets.UTF_8)) {
                for (String d : docs) {
                    w.write(json.writeValueAsString(Map.of("text", d)));
                    w.newLine();
                }
            }
            Path out = tmp.resolve("easyedit.safetensors");
            List<String> cmd =
                    List.of(
                            python,
                            script.toString(),
                            "--easyedit",
                            easyedit.toString(),
                            "--model",
                            dir.toString(),
                            "--layers",
                            layerList.stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(",")),
                            "--documents",
                            docsFile.toString(),
                            "--out",
                            out.toString());
            System.out.println("EasyEdit: " + String.join(" ", cmd));
            JsonNode ref = runPeer(cmd, tmp.resolve("peer.log"));
            double refSeconds = ref.get("seconds").asDouble();
            long refTokens = ref.get("layers").get(0).get("count").asLong();
            double refTps = refTokens / refSeconds;
            System.out.printf(
                    "EasyEdit layer_stats (%s): %d calls, %d tokens each, %.1f s in all = %.0f tokens/s%n",
                    ref.get("commit").asText().substring(0, 7),
                    layerList.size(),
                    refTokens,
                    refSeconds,
                    refTps);
            double worst = 0;
            try (SafetensorsFile f = SafetensorsFile.open(out)) {
                for (int l : layerList) {
                    NDArray want = read(f, "mom2." + l, m);
                    NDArray got = ours.of(l);
                    double rel = got.sub(want).abs().max().getFloat() / want.abs().max().getFloat();
                    System.out.printf(
                            "layer %d: max |EditGate - EasyEdit| / max |C| = %.2e%n", l, rel);
                    worst = Math.max(worst, rel);
                }
            }
            result.put("layers", layers);
            result.put("documents", String.valueOf(ours.provenance().used()));
            result.put("tokens", String.valueOf(ours.provenance().tokens()));
            result.put("easyedit_tokens", String.valueOf(refTokens));
            result.put(
                    "editgate_tokens_per_s",
                    String.format(Locale.ROOT, "%.0f", ours.tokensPerSecond()));
            result.put("easyedit_tokens_per_s", String.format(Locale.ROOT, "%.0f", refTps));
            result.put("speedup", String.format(Locale.ROOT, "%.2f", refSeconds / ours.seconds()));
            result.put("max_rel_diff", String.format(Locale.ROOT, "%.1e", worst));
            result.put("easyedit_commit", ref.get("commit").asText().substring(0, 7));
        }
        StringBuilder line = new StringBuilder("RESULT");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        return 0;
    }

    private static JsonNode runPeer(List<String> cmd, Path log)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        List<String> lines =
                new ArrayList<>(stdout.lines().filter(s -> s.startsWith("{")).toList());
        if (rc != 0 || lines.isEmpty()) {
            throw new IllegalStateException(
                    "EasyEdit bench failed (exit " + rc + "); its log: " + log + "\n" + stdout);
        }
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    private static NDArray read(SafetensorsFile f, String name, NDManager m) {
        return m.create(f.readFloats(name), new Shape(f.tensor(name).shape()));
    }
}
