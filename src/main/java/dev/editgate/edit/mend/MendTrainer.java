package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains a MEND hypernetwork as the reference's {@code EditTrainer.run} does: each iteration edits
 * one batch of training records and adds the meta-loss gradients ({@link MendStep}); every {@code
 * accumulate_bs} iterations the {@link OuterOptimizer} steps; every {@code val_interval} iterations
 * (from iteration 0) the network is validated and, when the early-stopping figure is a new best,
 * written as the archive; training stops at {@code max_iters} or after {@code early_stop_patience}
 * iterations without a new best. The best archive is then validated on the whole validation set.
 *
 * <p>Deterministic for a seed: the network's initial values and the order of the records (a fresh
 * seeded permutation each epoch) come from it. A checkpoint every {@code checkpoint_interval}
 * iterations ({@link TrainingState}) lets a killed run resume where it was, with the same result
 * bit for bit. Figures go to {@code <out>/train-log.jsonl}.
 */
public final class MendTrainer {
    static final String LOG = "train-log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MendTrainer() {}

    /** What a training run reports as it goes. */
    public interface Progress {
        /** After every training iteration, with its figures. */
        void iteration(int iteration, int maxIters, Map<String, Double> info);

        /** After a validation; {@code best} when it is a new best. */
        void validated(int iteration, Map<String, Double> stats, boolean best);

        /** A line about the run (resuming, stopping early, ...). */
        void message(String text);
    }

    /**
     * Training and validation records, and where they came from (recorded in the archive).
     *
     * @param provenance files, formats, record ranges
     */
    public record Data(
            List<EditRequest> train,
            List<EditRequest> validation,
            Map<String, Object> provenance) {}

    /**
     * The run's outcome.
     *
     * @param iterations iterations done in total (over every resumed part)
     * @param firstIteration where this process started (0 unless resumed)
     * @param bestIteration iteration of the archived network
     * @param bestValidation its periodic validation
     * @param finalValidation its validation on the whole validation set
     * @param trainSecondsPerIteration wall time of a training iteration in this process (without
     *     validation)
     * @param earlyStopped whether early stopping ended it
     */
    public record Result(
            int iterations,
            int firstIteration,
            int bestIteration,
            Map<String, Double> bestValidation,
            Map<String, Double> finalValidation,
            double trainSecondsPerIteration,
            boolean earlyStopped) {}

    public static Result train(
            LanguageModel model, MendTrainingSettings s, Data data, Path out, Progress progress) {
        List<EditRequest> train = complete(data.train(), "training");
        List<EditRequest> val = complete(data.validation(), "validation");
        Set<String> trainPrints = TrainedRecords.of(train);
        List<String> overlap = TrainedRecords.overlap(val, trainPrints);
        if (!overlap.isEmpty()) {
            throw new IllegalArgumentException(
                    overlap.size()
                            + " validation records share a prompt or rephrase with training"
                            + " records (first: "
                            + overlap.get(0)
                            + "); training and validation records must not overlap");
        }
        String modelHash = model.weights().contentHash();
        List<Integer> layers = s.layers().isEmpty() ? MendMatrix.lastLayers(model, 3) : s.layers();
        List<MendMatrix> matrices = MendMatrix.mlp(model, layers);
        TrainingState.Identity id =
                new TrainingState.Identity(settingsHash(s), dataHash(train, val), modelHash);
        Map<String, Object> baseModel = new LinkedHashMap<>();
        baseModel.put("content_sha256", modelHash);
        baseModel.put("model_type", model.config().modelType());
        baseModel.put("num_layers", model.numLayers());
        baseModel.put("source", model.toString());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("settings", s.toJson());
        training.put("data", data.provenance());
        training.put("train_records", train.size());
        training.put("validation_records", val.size());
        Set<String> valPrints = TrainedRecords.of(val);

        try (MendNetwork net =
                        MendNetwork.initial(matrices, s.config(), s.seed(), model.manager());
                OuterOptimizer opt =
                        new OuterOptimizer(s.lr(), s.accumulateBs(), s.gradClip(), net.manager)) {
            boolean resume = TrainingState.exists(out);
            TrainingState state =
                    resume ? TrainingState.load(out, id, net, opt) : new TrainingState();
            if (resume) {
                progress.message(
                        "resuming from the checkpoint in "
                                + out.resolve(TrainingState.DIR)
                                + " at iteration "
                                + state.next);
                keepLogBefore(out, state.next);
            }
            int first = state.next;
            Map<String, Double> bestVal = null;
            long trainNanos = 0;
            int trained = 0;
            boolean stopped = state.finished;
            int iter = state.next;
            for (; !stopped && iter < s.maxIters(); iter++) {
                long t0 = System.nanoTime();
                Map<String, Double> info =
                        trainStep(model, net, opt, s, batch(train, s, iter), iter);
                trainNanos += System.nanoTime() - t0;
                trained++;
                info.forEach(
                        (k, v) -> {
                            double[] sc = state.averages.computeIfAbsent(k, x -> new double[2]);
                            sc[0] += v;
                            sc[1] += 1;
                        });
                progress.iteration(iter, s.maxIters(), info);
                if (iter % s.logInterval() == 0) {
                    Map<String, Double> avg = new LinkedHashMap<>();
                    state.averages.forEach((k, sc) -> avg.put(k + "_train", sc[0] / sc[1]));
                    state.averages.clear();
                    log(out, iter, "train", avg);
                }
                if (iter % s.valInterval() == 0) {
                    Map<String, Double> v = validate(model, net, val, s, s.valSteps());
                    double value = v.get(s.earlyStopKey());
                    boolean best = value < state.bestValue;
                    if (best) {
                        state.bestValue = value;
                        state.bestIteration = iter;
                        bestVal = v;
                        training.put("best_iteration", iter);
                        training.put("best_validation", v);
                        MendArchive.write(out, net, baseModel, training, trainPrints, valPrints);
                    }
                    log(out, iter, "validation", v);
                    progress.validated(iter, v, best);
                    if (iter - state.bestIteration >= s.earlyStopPatience()) {
                        progress.message(
                                "no decrease in "
                                        + s.earlyStopKey()
                                        + " for "
                                        + s.earlyStopPatience()
                                        + " iterations: stopping");
                        stopped = true;
                    }
                }
                if ((iter + 1) % s.checkpointInterval() == 0 || stopped) {
                    state.next = iter + 1;
                    state.finished = stopped;
                    TrainingState.save(out, state, id, net, opt, Map.of());
                }
            }
            state.next = iter;
            state.finished = stopped;
            TrainingState.save(out, state, id, net, opt, Map.of());
            Map<String, Double> finalVal = finalValidation(model, out, modelHash, val, s, progress);
            return new Result(
                    iter,
                    first,
                    state.bestIteration,
                    bestVal,
                    finalVal,
                    trained == 0 ? Double.NaN : trainNanos / 1e9 / trained,
                    stopped && iter < s.maxIters());
        }
    }

    private static Map<String, Double> trainStep(
            LanguageModel model,
            MendNetwork net,
            OuterOptimizer opt,
            MendTrainingSettings s,
            List<EditRequest> batch,
            int iter) {
        MendStep.Result r;
        try (NDManager grads = net.manager.newSubManager()) {
            r =
                    MendStep.run(
                            model,
                            net,
                            MendStep.Batches.of(model, batch),
                            true,
                            s.cedit(),
                            s.cloc(),
                            grads);
            boolean added = opt.accumulate(net.parameters(), r.gradients());
            r.info().put("grad/skipped", added ? 0.0 : 1.0);
            for (NDArray g : r.gradients()) {
                g.close();
            }
        }
        if (iter > 0 && iter % s.accumulateBs() == 0) {
            r.info().put("grad", opt.step(net.parameters()));
        }
        return r.info();
    }

    /** The reference's {@code validate}: the first {@code steps} batches, figures suffixed _val. */
    static Map<String, Double> validate(
            LanguageModel model,
            MendNetwork net,
            List<EditRequest> val,
            MendTrainingSettings s,
            int steps) {
        long t0 = System.nanoTime();
        Map<String, double[]> sums = new LinkedHashMap<>();
        int batches = 0;
        for (int from = 0; from < val.size() && batches < steps; from += s.valBatchSize()) {
            List<EditRequest> batch =
                    val.subList(from, Math.min(val.size(), from + s.valBatchSize()));
            MendStep.Result r =
                    MendStep.run(
                            model,
                            net,
                            MendStep.Batches.of(model, batch),
                            false,
                            s.cedit(),
                            s.cloc(),
                            null);
            r.info()
                    .forEach(
                            (k, v) -> {
                                double[] sc = sums.computeIfAbsent(k, x -> new double[2]);
                                sc[0] += v;
                                sc[1] += 1;
                            });
            batches++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, sc) -> out.put(k + "_val", sc[0] / sc[1]));
        double elapsed = (System.nanoTime() - t0) / 1e9;
        out.put("eval_time/elapsed", elapsed);
        out.put("eval_time/average", elapsed / batches);
        return out;
    }

    private static Map<String, Double> finalValidation(
            LanguageModel model,
            Path out,
            String modelHash,
            List<EditRequest> val,
            MendTrainingSettings s,
            Progress progress) {
        MendArchive archive = MendArchive.read(out);
        try (MendNetwork best = archive.network(model, modelHash)) {
            Map<String, Double> v = validate(model, best, val, s, Integer.MAX_VALUE);
            progress.message(
                    "final validation of the archived network (iteration "
                            + archive.manifest().path("training").path("best_iteration").asInt()
                            + ") on all "
                            + val.size()
                            + " validation records: edit/acc "
                            + String.format("%.3f", v.get("edit/acc_val"))
                            + ", loss/total_edit "
                            + String.format("%.4f", v.get("loss/total_edit_val")));
            log(out, -1, "final_validation", v);
            return v;
        }
    }

    /**
     * The records of iteration {@code iter}: batch {@code iter} of a seeded permutation per epoch.
     */
    static List<EditRequest> batch(List<EditRequest> train, MendTrainingSettings s, int iter) {
        int n = train.size();
        int perEpoch = (n + s.batchSize() - 1) / s.batchSize();
        int epoch = iter / perEpoch;
        int at = (iter % perEpoch) * s.batchSize();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(s.seed() * 1_000_003L + epoch));
        List<EditRequest> out = new ArrayList<>();
        for (int i = at; i < Math.min(n, at + s.batchSize()); i++) {
            out.add(train.get(order.get(i)));
        }
        return out;
    }

    /** Records with everything MEND trains on: rephrase and locality prompt and answer. */
    private static List<EditRequest> complete(List<EditRequest> records, String what) {
        List<EditRequest> out =
                records.stream()
                        .filter(
                                r ->
                                        r.rephrase() != null
                                                && r.localityPrompt() != null
                                                && r.localityAnswer() != null)
                        .toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    "no "
                            + what
                            + " record has a rephrase, a locality prompt and its answer ("
                            + records.size()
                            + " records); MEND trains on all three");
        }
        return out;
    }

    /**
     * The settings a checkpoint must share to be resumed: all but {@code max_iters}, which only
     * says where to stop (a run can be resumed to go further, or to stop earlier).
     */
    static String settingsHash(MendTrainingSettings s) {
        Map<String, Object> m = new LinkedHashMap<>(s.toJson());
        m.remove("max_iters");
        return sha256(m.toString());
    }

    private static String dataHash(List<EditRequest> train, List<EditRequest> val) {
        StringBuilder b = new StringBuilder();
        for (List<EditRequest> part : List.of(train, val)) {
            for (EditRequest r : part) {
                b.append(r).append('\n');
            }
            b.append("--\n");
        }
        return sha256(b.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(Path out, int iteration, String kind, Map<String, Double> figures) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("iteration", iteration);
        line.put("kind", kind);
        line.putAll(figures);
        try {
            Files.createDirectories(out);
            Files.writeString(
                    out.resolve(LOG),
                    JSON.writeValueAsString(line) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(out.resolve(LOG) + ": cannot append: " + e, e);
        }
    }

    /** On resume: drops log lines of iterations the checkpoint does not include. */
    private static void keepLogBefore(Path out, int next) {
        Path file = out.resolve(LOG);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            List<String> keep = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                int it = JSON.readTree(line).path("iteration").asInt();
                if (it >= 0 && it < next) {
                    keep.add(line);
                }
            }
            TensorFiles.writeText(file, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }
}
