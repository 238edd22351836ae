package dev.editgate.cli;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.Score;
import dev.editgate.bench.mmlu.MmluBenchmark;
import dev.editgate.bench.mmlu.MmluProvider;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.engine.EngineConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate bench scoring}: items/s of MMLU 5-shot PPL scoring, each question's four options
 * scored as four full sequences ({@code plain}) and from one pass over the shared context ({@code
 * shared}), on a random-init GPT-2-small-shaped model (or {@code --model}). Both must pick the same
 * options; the last line is {@code RESULT key=value ...}.
 */
@Command(
        name = "scoring",
        mixinStandardHelpOptions = true,
        description = "MMLU PPL scoring throughput with and without the shared context.")
final class BenchScoringCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            description = "model folder (default: random-init gpt2-small, written once)")
    Path model;

    @Option(names = "--dataset", description = "MMLU folder (default: <editgate.shared>/data/mmlu)")
    Path dataset;

    @Option(
            names = "--items",
            defaultValue = "16",
            description = "questions scored (default ${DEFAULT-VALUE})")
    int items;

    @Option(
            names = "--batch",
            defaultValue = "4",
            description = "questions per batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            converter = DeviceConverter.class,
            description = "cpu, cuda, cuda:N or auto (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--dtype", defaultValue = "float32")
    String dtype;

    @Override
    public Integer call() {
        Path dir = model != null ? model : BenchModels.get("gpt2-small");
        Path data =
                dataset != null
                        ? dataset
                        : EngineConfig.fromSystemProperties().shared().resolve("data/mmlu");
        MmluBenchmark bench =
                (MmluBenchmark)
                        new MmluProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                data.toString(),
                                                "limit",
                                                items,
                                                "seed",
                                                1,
                                                "batch_size",
                                                batch),
                                        Path.of("."));
        try (LanguageModel lm = Models.load(dir, dtype, device)) {
            System.out.printf(
                    "model %s (%s, %s), %d MMLU questions, 5-shot, %d per batch, window %d tokens%n",
                    dir,
                    lm.config().modelType(),
                    lm.device(),
                    bench.size(),
                    batch,
                    lm.config().maxPositions());
            // warm-up on one question, both paths
            MmluBenchmark warm =
                    (MmluBenchmark)
                            new MmluProvider()
                                    .create(
                                            Map.of(
                                                    "dataset",
                                                    data.toString(),
                                                    "limit",
                                                    1,
                                                    "seed",
                                                    2,
                                                    "batch_size",
                                                    batch),
                                            Path.of("."));
            warm.evaluate(lm, ChoiceRanking.Mode.PLAIN);
            warm.evaluate(lm, ChoiceRanking.Mode.SHARED);
            long t0 = System.nanoTime();
            Score plain = bench.evaluate(lm, ChoiceRanking.Mode.PLAIN);
            double plainSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Score shared = bench.evaluate(lm, EvalContext.none());
            double sharedSeconds = (System.nanoTime() - t0) / 1e9;
            List<String> a = plain.items().stream().map(r -> r.prediction()).toList();
            List<String> b = shared.items().stream().map(r -> r.prediction()).toList();
            long agree = 0;
            for (int i = 0; i < a.size(); i++) {
                agree += a.get(i).equals(b.get(i)) ? 1 : 0;
            }
            double plainRate = bench.size() / plainSeconds;
            double sharedRate = bench.size() / sharedSeconds;
            System.out.printf(
                    "plain  (4 sequences per question): %.2f items/s (%.1f s), accuracy %.3f%n",
                    plainRate, plainSeconds, plain.value());
            System.out.printf(
                    "shared (context once per question): %.2f items/s (%.1f s), accuracy %.3f%n",
                    sharedRate, sharedSeconds, shared.value());
            System.out.printf(
                    "speedup %.2fx; predictions agree on %d of %d questions%n",
                    sharedRate / plainRate, agree, bench.size());
            System.out.printf(
                    java.util.Locale.ROOT,
                    "RESULT items=%d plain_items_per_s=%.3f shared_items_per_s=%.3f speedup=%.2f agree=%d device=%s%n",
                    bench.size(),
                    plainRate,
                    sharedRate,
                    sharedRate / plainRate,
                    agree,
                    lm.device());
            return agree == bench.size() ? 0 : 1;
        }
    }
}
