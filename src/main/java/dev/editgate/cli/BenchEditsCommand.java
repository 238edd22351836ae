package dev.editgate.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.mend.MendArchive;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.SecondMoments;
import dev.editgate.edit.stats.StatsSpec;
import dev.editgate.engine.EngineConfig;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import dev.editgate.text.DocumentRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate bench edits}: seconds per edit of ROME, MEMIT (one batch), FT-L, GRACE, MEND,
 * AlphaEdit (one batch) and r-ROME on a random-init GPT-2-small-shaped model, and second-moment
 * collection throughput (MEMIT's layers 3-7 of 12 in one pass). Each method gets its published
 * GPT-2 XL preset with the layers moved into GPT-2 small's 12; statistics come from WikiText-2 in
 * the shared folder. Times include everything an edit does after the first (context templates and
 * statistics are computed by a warm-up edit that is not timed). First it times one
 * value-optimisation step through every layer against one from the edited layer on (see {@code
 * LanguageModel.forwardFrom}), in the same run.
 */
@Command(
        name = "edits",
        mixinStandardHelpOptions = true,
        description =
                "Seconds per edit for ROME, MEMIT, FT-L, GRACE, MEND, AlphaEdit, r-ROME; statistics"
                        + " tokens/s.")
final class BenchEditsCommand implements Callable<Integer> {
    private static final List<String> METHODS =
            List.of("rome", "memit", "ft", "grace", "mend", "alphaedit", "r-rome");

    @Option(
            names = "--model",
            defaultValue = "gpt2-small",
            description = "bench model (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--memit-batch", defaultValue = "10")
    int memitBatch;

    @Option(
            names = "--edits",
            defaultValue = "2",
            description = "timed edits per method (default ${DEFAULT-VALUE})")
    int edits;

    @Option(
            names = "--methods",
            split = ",",
            defaultValue = "rome,memit,ft,grace,mend,alphaedit,r-rome",
            description = "methods to time (default ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--stats-samples", defaultValue = "200")
    int statsSamples;

    @Option(
            names = "--steps",
            description = "override optimisation steps of every method (default: the presets')")
    Integer steps;

    @Option(
            names = "--templates",
            defaultValue = "true",
            negatable = true,
            description =
                    "generate ROME/MEMIT context templates as the presets do (--no-templates: only {})")
    boolean templates;

    @Option(
            names = "--easyedit",
            description =
                    "EasyEdit checkout (commit 14cea82): time ROME and a MEMIT batch against"
                            + " EasyEdit's own code on --peer-model instead (tools/peers/editing)")
    Path easyedit;

    @Option(
            names = "--python",
            defaultValue = "python3",
            description = "with --easyedit: a Python with torch, transformers, safetensors")
    String python;

    @Option(names = "--script", defaultValue = "tools/peers/editing/bench.py")
    Path script;

    @Option(
            names = "--peer-model",
            description = "with --easyedit: model folder (default: the pulled smollm2-135m)")
    Path peerModel;

    @Option(
            names = "--preset",
            defaultValue = "smollm2-135m",
            description = "with --easyedit: the rome/ and memit/ preset (default ${DEFAULT-VALUE})")
    String preset;

    @Option(
            names = "--records",
            defaultValue = "100-102",
            description =
                    "with --easyedit: ZsRE records edited by ROME, one at a time, and by MEMIT as"
                            + " one batch (default ${DEFAULT-VALUE})")
    String records;

    @Option(
            names = "--plain",
            description = "with --easyedit: also time EditGate's ROME with whole-row value steps")
    boolean plain;

    @Override
    public Integer call() throws Exception {
        if (easyedit != null) {
            return peer();
        }
        for (String name : methods) {
            if (!METHODS.contains(name)) {
                System.err.println(
                        "bench edits: unknown method '"
                                + name
                                + "' in --methods (accepted: "
                                + String.join(", ", METHODS)
                                + ")");
                return 2;
            }
        }
        Path corpus =
                EngineConfig.fromSystemProperties()
                        .shared()
                        .resolve("data/wikitext2/wiki.test.raw");
        if (!Files.isRegularFile(corpus)) {
            System.err.println("bench edits: " + corpus + " is absent (set EDITGATE_SHARED)");
            return 2;
        }
        Path dir = BenchModels.get(model);
        Map<String, String> result = new LinkedHashMap<>();
        try (LanguageModel lm = Models.load(dir, "float32", "cpu")) {
            StatsSpec spec =
                    new StatsSpec(
                            corpus,
                            DocumentRange.ALL,
                            statsSamples,
                            1,
                            128,
                            DataType.FLOAT32,
                            StatsSpec.DEFAULT_BATCH_TOKENS,
                            Path.of("target/bench-stats"));
            try (NDManager m = lm.manager().newSubManager()) {
                SecondMoments c = SecondMomentStats.collect(lm, List.of(3, 4, 5, 6, 7), spec, m);
                double tps = c.tokensPerSecond();
                System.out.printf(
                        "second moments (layers 3-7 in one pass, %d documents): %d tokens in %.1f s"
                                + " = %.0f tokens/s%n",
                        c.provenance().used(), c.provenance().tokens(), c.seconds(), tps);
                result.put("stats_tokens_per_s", String.format("%.0f", tps));
            }
            Map<String, Object> stats =
                    Map.of(
                            "mom2_dataset",
                            corpus.toString(),
                            "mom2_n_samples",
                            statsSamples,
                            "mom2_max_length",
                            128);
            Map<String, Object> v = new HashMap<>(stats);
            if (steps != null) {
                v.put("v_num_grad_steps", steps);
            }
            if (!templates) {
                v.put("context_templates", List.of("{}"));
            }
            valueSteps(lm, 5, result);
            time(
                    lm,
                    "rome",
                    merge(Map.of("preset", "gpt2-xl", "layers", List.of(5)), v),
                    1,
                    result);
            time(
                    lm,
                    "memit",
                    merge(Map.of("preset", "gpt2-xl", "layers", List.of(3, 4, 5, 6, 7)), v),
                    memitBatch,
                    result);
            time(
                    lm,
                    "ft",
                    merge(
                            Map.of("preset", "gpt2-xl", "layers", List.of(5)),
                            steps == null ? Map.of() : Map.of("num_steps", steps)),
                    1,
                    result);
            time(
                    lm,
                    "grace",
                    merge(
                            Map.of("preset", "gpt2-xl", "layer", 6),
                            steps == null ? Map.of() : Map.of("n_iter", steps)),
                    1,
                    result);
            if (methods.contains("mend")) {
                // an untrained hypernetwork of the published shape: an edit costs the same
                Path archive = Path.of("target/bench-mend", model);
                MendArchive.writeUntrained(lm, archive);
                time(lm, "mend", Map.of("archive", archive.toString()), 1, result);
            }
            time(
                    lm,
                    "alphaedit",
                    merge(Map.of("preset", "gpt2-xl", "layers", List.of(3, 4, 5, 6, 7)), v),
                    memitBatch,
                    result);
            time(
                    lm,
                    "r-rome",
                    merge(Map.of("preset", "gpt2-xl", "layers", List.of(5)), v),
                    1,
                    result);
            result.put("steps", steps == null ? "preset" : String.valueOf(steps));
            result.put("templates", String.valueOf(templates));
        }
        StringBuilder line = new StringBuilder("RESULT");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        return 0;
    }

    private int peer() throws Exception {
        Path dir =
                peerModel != null
                        ? peerModel
                        : dev.editgate.model.pull.ModelCache.standard().modelDir("smollm2-135m");
        EngineConfig cfg = EngineConfig.fromSystemProperties();
        Path zsre = cfg.shared().resolve("data/zsre/zsre_mend_train-1k.json");
        List<EditRequest> reqs;
        try {
            reqs = BenchEditsPeer.records(zsre, records);
        } catch (IllegalArgumentException e) {
            System.err.println("bench edits: " + e.getMessage());
            return 2;
        }
        Map<String, String> result;
        try (LanguageModel lm = Models.load(dir, "float32", "cpu")) {
            BenchEditsPeer bench =
                    new BenchEditsPeer(lm, dir, python, script, easyedit, cfg.editEnvironment());
            if (methods.contains("rome")) {
                bench.rome(preset, reqs, plain);
            }
            if (methods.contains("memit")) {
                bench.memit(preset, reqs);
            }
            result = bench.result;
        }
        result.put("records", records);
        result.put("model", dir.getFileName().toString());
        StringBuilder line = new StringBuilder("RESULT");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        return 0;
    }

    private void time(
            LanguageModel lm,
            String name,
            Map<String, Object> hp,
            int batch,
            Map<String, String> result) {
        if (!methods.contains(name)) {
            return;
        }
        EditMethodProvider provider =
                ServiceLoader.load(EditMethodProvider.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no edit method " + name));
        List<EditRequest> requests = requests((edits + 1) * batch);
        try (EditMethod method =
                provider.create(
                        lm,
                        hp,
                        EditContext.outsideEngine(
                                EngineConfig.fromSystemProperties().editEnvironment()))) {
            method.apply(lm, requests.subList(0, batch)); // warm-up: templates, statistics
            long t0 = System.nanoTime();
            for (int i = 1; i <= edits; i++) {
                method.apply(lm, requests.subList(i * batch, (i + 1) * batch));
            }
            double perBatch = (System.nanoTime() - t0) / 1e9 / edits;
            double perEdit = perBatch / batch;
            System.out.printf(
                    "%s: %.2f s per edit (%d timed batches of %d, %.2f s per batch)%n",
                    name, perEdit, edits, batch, perBatch);
            result.put(name + "_s_per_edit", String.format("%.2f", perEdit));
        }
        lm.clearAdaptors();
    }

    /**
     * Seconds per value-optimisation step (forward, backward) with a vector added at layer {@code
     * layer}'s MLP output: through every layer, and from {@code layer} on with the residual stream
     * entering it captured once, as ROME and MEMIT now run. Alternating, best of five each.
     */
    private static void valueSteps(LanguageModel lm, int layer, Map<String, String> result) {
        List<int[]> rows = new ArrayList<>();
        for (EditRequest r : requests(6)) {
            rows.add(lm.tokenizer().encode("The following is true. " + r.prompt() + r.target()));
        }
        TokenBatch batch = TokenBatch.leftPadded(rows, lm.tokenizer().padId());
        int[] columns = new int[rows.size()];
        java.util.Arrays.fill(columns, batch.width() - 3);
        Site site = Site.mlpOut(layer);
        try (NDManager m = lm.manager().newSubManager()) {
            NDArray entering =
                    lm.forward(m, batch, Interventions.create().capture(Site.residPost(layer - 1)))
                            .captured(Site.residPost(layer - 1));
            long hidden = entering.getShape().get(2);
            double full = Double.MAX_VALUE;
            double from = Double.MAX_VALUE;
            float diff = 0;
            for (int round = 0; round < 6; round++) {
                NDArray[] grads = new NDArray[2];
                for (int way = 0; way < 2; way++) {
                    try (NDManager scope = m.newSubManager()) {
                        NDArray delta = scope.ones(new Shape(hidden)).mul(0.01f);
                        delta.setRequiresGradient(true);
                        long t0 = System.nanoTime();
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            Interventions add = Interventions.create().add(site, columns, delta);
                            ForwardResult r =
                                    way == 0
                                            ? lm.forward(scope, batch, add)
                                            : lm.forwardFrom(scope, batch, layer, entering, add);
                            gc.backward(
                                    r.logits()
                                            .logSoftmax(-1)
                                            .get(new NDIndex(":, -1, 0"))
                                            .sum()
                                            .neg());
                        }
                        grads[way] = delta.getGradient().duplicate();
                        grads[way].attach(m);
                        double s = (System.nanoTime() - t0) / 1e9;
                        if (round > 0) { // the first round warms up
                            if (way == 0) {
                                full = Math.min(full, s);
                            } else {
                                from = Math.min(from, s);
                            }
                        }
                    }
                }
                diff = Math.max(diff, grads[0].sub(grads[1]).abs().max().getFloat());
            }
            System.out.printf(
                    "value step at layer %d of %d: %.3f s through all layers, %.3f s from layer %d"
                            + " (%.2fx; gradients differ by at most %.1e)%n",
                    layer, lm.numLayers(), full, from, layer, full / from, diff);
            result.put("value_step_full_s", String.format("%.3f", full));
            result.put("value_step_from_s", String.format("%.3f", from));
            result.put("value_step_speedup", String.format("%.2f", full / from));
            result.put("value_step_grad_diff", String.format("%.1e", diff));
        }
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new HashMap<>(a);
        out.putAll(b);
        return out;
    }

    /** Synthetic CounterFact-shaped requests with distinct subjects. */
    static List<EditRequest> requests(int n) {
        String[] first = {
            "Alice", "Boris", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jun"
        };
        String[] last = {
            "Morel", "Petrov", "Okafor", "Lindqvist", "Tanaka", "Silva", "Novak", "Haddad"
        };
        String[] jobs = {" pianist", " surgeon", " architect", " chemist", " sailor"};
        List<EditRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subject = first[i % first.length] + " " + last[(i / first.length) % last.length];
            out.add(EditRequest.of(subject + " works as a", subject, jobs[i % jobs.length]));
        }
        return out;
    }
}
