package dev.editgate.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.data.EditDatasets;
import dev.editgate.edit.memit.MemitHyperparameters;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.SecondMoments;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.SafetensorsFile;
import dev.editgate.model.weights.SafetensorsWriter;
import dev.editgate.model.weights.TensorDType;
import dev.editgate.model.weights.WeightStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * {@code editgate bench edits --easyedit DIR}: seconds per ROME edit and per MEMIT batch, EditGate
 * against EasyEdit's own code ({@code tools/peers/editing/bench.py}) on the same model folder,
 * requests, hyperparameters (the model's presets), fixed context templates and, for MEMIT, the same
 * second moments, in one run; the updated weights are compared. Every ROME edit starts from the
 * unedited weights on both sides.
 */
final class BenchEditsPeer {
    /** The templates both sides use: "{}" and five prefixes, as the presets' 5 × 5 tokens. */
    static final List<String> TEMPLATES =
            List.of(
                    "{}",
                    "The city of light. {}",
                    "Therefore, it is said that. {}",
                    "I think. {}",
                    "You can see the river. {}",
                    "Because the sun was out. {}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LanguageModel lm;
    private final Path modelDir;
    private final String python;
    private final Path script;
    private final Path easyedit;
    private final EditEnvironment env;
    private final Path tmp;
    final Map<String, String> result = new LinkedHashMap<>();

    BenchEditsPeer(
            LanguageModel lm,
            Path modelDir,
            String python,
            Path script,
            Path easyedit,
            EditEnvironment env)
            throws IOException {
        this.lm = lm;
        this.modelDir = modelDir;
        this.python = python;
        this.script = script;
        this.easyedit = easyedit;
        this.env = env;
        this.tmp = Files.createTempDirectory("editgate-bench-edits");
    }

    /** ZsRE records {@code range} ("N" or "A-B", both ends included) of {@code zsre}. */
    static List<EditRequest> records(Path zsre, String range) {
        int[] r = parseRange(range);
        List<EditRequest> all = EditDatasets.load(zsre, "zsre");
        if (r[1] >= all.size()) {
            throw new IllegalArgumentException(
                    "--records "
                            + range
                            + ": "
                            + zsre
                            + " has "
                            + all.size()
                            + " usable records (0.."
                            + (all.size() - 1)
                            + ")");
        }
        return all.subList(r[0], r[1] + 1);
    }

    /** "N" or "A-B" with 0 ≤ A ≤ B, as {A, B}. */
    static int[] parseRange(String range) {
        String[] parts = range.trim().split("-", -1);
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
            if (parts.length <= 2 && from >= 0 && to >= from) {
                return new int[] {from, to};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--records '"
                        + range
                        + "': expected a record index or a range A-B with A <= B (e.g. 100-101)");
    }

    /** ROME: EasyEdit, then EditGate (and, when {@code plain}, EditGate's whole-row steps). */
    void rome(String preset, List<EditRequest> requests, boolean plain) throws Exception {
        Map<String, Object> hp = hparams("rome", preset);
        JsonNode ref = peer("rome", requests, hp, null);
        double ee = mean(ref.get("seconds"));
        String w = lm.mlpOutput(layer(hp)).weight();
        List<Map<String, float[]>> ours = new ArrayList<>();
        double eg = romeOurs(preset, requests, ours, false);
        double worst = 0;
        try (SafetensorsFile f = SafetensorsFile.open(tmp.resolve("rome.safetensors"))) {
            for (int i = 0; i < requests.size(); i++) {
                worst =
                        Math.max(
                                worst,
                                relDiff(ours.get(i).get(w), f.readFloats("rome." + i + "." + w)));
            }
        }
        System.out.printf(
                "ROME, %d edits: EasyEdit %.2f s per edit, EditGate %.2f s per edit (%.2fx);"
                        + " max |ΔW ours − ΔW EasyEdit| / max |ΔW EasyEdit| = %.1e%n",
                requests.size(), ee, eg, ee / eg, worst);
        result.put("rome_edits", String.valueOf(requests.size()));
        result.put("easyedit_rome_s_per_edit", fmt("%.2f", ee));
        result.put("editgate_rome_s_per_edit", fmt("%.2f", eg));
        result.put("rome_ratio", fmt("%.3f", eg / ee));
        result.put("rome_speedup", fmt("%.2f", ee / eg));
        result.put("rome_max_rel_diff", fmt("%.1e", worst));
        if (plain) {
            System.setProperty("editgate.value.plain", "true");
            try {
                double p = romeOurs(preset, requests, new ArrayList<>(), true);
                System.out.printf("ROME, EditGate with whole-row steps: %.2f s per edit%n", p);
                result.put("editgate_rome_plain_s_per_edit", fmt("%.2f", p));
            } finally {
                System.clearProperty("editgate.value.plain");
            }
        }
        result.put("easyedit_commit", ref.get("commit").asText().substring(0, 7));
        result.put("torch_threads", ref.get("torch_threads").asText());
    }

    private double romeOurs(
            String preset,
            List<EditRequest> requests,
            List<Map<String, float[]>> deltas,
            boolean plain)
            throws Exception {
        Map<String, Object> hp = hparams("rome", preset);
        String w = lm.mlpOutput(layer(hp)).weight();
        WeightStore weights = lm.weights();
        double total = 0;
        try (EditMethod method = provider("rome").create(lm, hp, EditContext.outsideEngine(env))) {
            for (int i = 0; i < requests.size(); i++) {
                try (WeightStore.Snapshot before = weights.snapshot(List.of(w))) {
                    long t0 = System.nanoTime();
                    method.apply(lm, List.of(requests.get(i)));
                    double s = (System.nanoTime() - t0) / 1e9;
                    total += s;
                    System.out.printf(
                            "EditGate ROME%s edit %d: %.2f s%n",
                            plain ? " (whole rows)" : "", i, s);
                    deltas.add(Map.of(w, delta(weights, before, w)));
                    weights.restore(before);
                }
            }
        }
        return total / requests.size();
    }

    /** MEMIT, one batch: EasyEdit with EditGate's second moments, then EditGate. */
    void memit(String preset, List<EditRequest> batch) throws Exception {
        Map<String, Object> hp = hparams("memit", preset);
        Hyperparameters h =
                Hyperparameters.resolve(
                        "memit", MemitHyperparameters.DEFAULTS, hp, MemitHyperparameters.KEYS, env);
        MemitHyperparameters mh = MemitHyperparameters.from(h);
        Path cov = tmp.resolve("cov.safetensors");
        try (NDManager m = lm.manager().newSubManager()) {
            SecondMoments c =
                    SecondMomentStats.forLayers(
                            lm, lm.weights().contentHash(), mh.layers(), mh.stats(), m);
            SafetensorsWriter out = new SafetensorsWriter();
            for (int l : mh.layers()) {
                var a = c.of(l).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                out.add("mom2." + l, TensorDType.F32, a.getShape().getShape(), a.toFloatArray());
            }
            out.write(cov);
        }
        Map<String, Object> shared = new HashMap<>(hp);
        shared.put("mom2_update_weight", mh.mom2UpdateWeight());
        JsonNode ref = peer("memit", batch, shared, cov);
        double ee = ref.get("seconds").get(0).asDouble();
        List<String> names = new ArrayList<>();
        for (int l : mh.layers()) {
            names.add(lm.mlpOutput(l).weight());
        }
        WeightStore weights = lm.weights();
        double eg;
        Map<String, float[]> ours = new HashMap<>();
        try (EditMethod method = provider("memit").create(lm, hp, EditContext.outsideEngine(env));
                WeightStore.Snapshot before = weights.snapshot(names)) {
            long t0 = System.nanoTime();
            method.apply(lm, batch);
            eg = (System.nanoTime() - t0) / 1e9;
            for (String n : names) {
                ours.put(n, delta(weights, before, n));
            }
            weights.restore(before);
        }
        double worst = 0;
        try (SafetensorsFile f = SafetensorsFile.open(tmp.resolve("memit.safetensors"))) {
            for (String n : names) {
                worst = Math.max(worst, relDiff(ours.get(n), f.readFloats("memit." + n)));
            }
        }
        System.out.printf(
                "MEMIT, one batch of %d: EasyEdit %.2f s, EditGate %.2f s (%.2fx); max rel ΔW diff %.1e"
                        + " (C of both from EditGate's cache)%n",
                batch.size(), ee, eg, ee / eg, worst);
        result.put("memit_batch", String.valueOf(batch.size()));
        result.put("easyedit_memit_s_per_batch", fmt("%.2f", ee));
        result.put("editgate_memit_s_per_batch", fmt("%.2f", eg));
        result.put("memit_ratio", fmt("%.3f", eg / ee));
        result.put("memit_speedup", fmt("%.2f", ee / eg));
        result.put("memit_max_rel_diff", fmt("%.1e", worst));
    }

    private Map<String, Object> hparams(String method, String preset) {
        Map<String, Object> hp = new HashMap<>();
        hp.put("preset", preset);
        hp.put("context_templates", TEMPLATES);
        Hyperparameters h =
                Hyperparameters.resolve(
                        method,
                        method.equals("rome")
                                ? dev.editgate.edit.rome.RomeHyperparameters.DEFAULTS
                                : MemitHyperparameters.DEFAULTS,
                        hp,
                        method.equals("rome")
                                ? dev.editgate.edit.rome.RomeHyperparameters.KEYS
                                : MemitHyperparameters.KEYS,
                        env);
        Map<String, Object> out = new HashMap<>(hp);
        for (String k :
                List.of(
                        "layers",
                        "fact_token",
                        "v_num_grad_steps",
                        "v_lr",
                        "v_loss_layer",
                        "v_weight_decay",
                        "clamp_norm_factor",
                        "kl_factor",
                        "mom2_adjustment")) {
            out.put(k, h.values().get(k));
        }
        return out;
    }

    private static int layer(Map<String, Object> hp) {
        return ((Number) ((List<?>) hp.get("layers")).get(0)).intValue();
    }

    private JsonNode peer(
            String method, List<EditRequest> requests, Map<String, Object> hp, Path cov)
            throws Exception {
        List<Map<String, String>> reqs = new ArrayList<>();
        for (EditRequest r : requests) {
            String target = r.target().startsWith(" ") ? r.target().substring(1) : r.target();
            reqs.add(Map.of("prompt", r.prompt(), "subject", r.subject(), "target_new", target));
        }
        Path rf = tmp.resolve(method + "-requests.json");
        Path tf = tmp.resolve("templates.json");
        Path hf = tmp.resolve(method + "-hparams.json");
        JSON.writeValue(rf.toFile(), reqs);
        JSON.writeValue(tf.toFile(), TEMPLATES);
        Map<String, Object> shared = new HashMap<>(hp);
        shared.remove("preset");
        shared.remove("context_templates");
        JSON.writeValue(hf.toFile(), shared);
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                python,
                                script.toString(),
                                "--easyedit",
                                easyedit.toString(),
                                "--model",
                                modelDir.toString(),
                                "--method",
                                method,
                                "--requests",
                                rf.toString(),
                                "--templates",
                                tf.toString(),
                                "--hparams",
                                hf.toString(),
                                "--out",
                                tmp.resolve(method + ".safetensors").toString()));
        if (cov != null) {
            cmd.addAll(List.of("--cov", cov.toString()));
        }
        System.out.println("EasyEdit: " + String.join(" ", cmd));
        Path log = tmp.resolve(method + "-peer.log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        List<String> lines = stdout.lines().filter(s -> s.startsWith("{")).toList();
        if (rc != 0 || lines.isEmpty()) {
            throw new IllegalStateException(
                    "EasyEdit "
                            + method
                            + " bench failed (exit "
                            + rc
                            + "); its log: "
                            + log
                            + "\n"
                            + stdout);
        }
        JsonNode ref = JSON.readTree(lines.get(lines.size() - 1));
        System.out.println("EasyEdit " + method + ": " + ref.get("seconds") + " s");
        return ref;
    }

    private static float[] delta(WeightStore weights, WeightStore.Snapshot before, String name) {
        float[] now =
                weights.get(name)
                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .toFloatArray();
        float[] was =
                before.get(name)
                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .toFloatArray();
        for (int i = 0; i < now.length; i++) {
            now[i] -= was[i];
        }
        return now;
    }

    static double relDiff(float[] ours, float[] ref) {
        if (ours.length != ref.length) {
            throw new IllegalStateException(
                    "weight change of " + ours.length + " values against EasyEdit's " + ref.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < ours.length; i++) {
            diff = Math.max(diff, Math.abs(ours[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        return diff / scale;
    }

    private static EditMethodProvider provider(String name) {
        return ServiceLoader.load(EditMethodProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no edit method " + name));
    }

    private static double mean(JsonNode a) {
        double s = 0;
        for (JsonNode x : a) {
            s += x.asDouble();
        }
        return s / a.size();
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
