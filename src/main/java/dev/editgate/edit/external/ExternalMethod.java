package dev.editgate.edit.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditException;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTransaction;
import dev.editgate.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code method: external}: an editor running in its own process, spoken to with {@link
 * WorkerProtocol}. Started by the constructor ({@code hello}, {@code load}, {@code reset}); each
 * {@link #apply} sends one {@code edit} and writes the tensors the worker returns into the model.
 * Any failure kills the worker's process tree and throws an {@link EditException} naming the
 * worker, the batch and the problem, with the model as it was before the batch.
 */
final class ExternalMethod implements EditMethod {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalMethod.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final EditContext context;
    private final WorkerSettings settings;
    private final WorkerProcess worker;
    private String workerName;
    private String workerVersion = "";
    private int batches;
    private int edits;
    private boolean failed;

    ExternalMethod(
            LanguageModel model,
            Map<String, Object> hparams,
            EditContext context,
            WorkerSettings settings) {
        this.context = context;
        this.settings = settings;
        this.workerName = String.join(" ", settings.command());
        Path stderr = context.workDir().resolve("stderr.log");
        this.worker = WorkerProcess.start(context.label(), settings, stderr);
        try {
            hello();
            JsonNode loaded =
                    worker.call(
                            WorkerProtocol.load(model, context, hparams),
                            settings.timeout(),
                            "load request");
            String hash = loaded.path("content_hash").asText(null);
            if (hash != null && !hash.equals(context.modelHash())) {
                throw new WorkerException(
                        "loaded weights whose content hash "
                                + hash
                                + " differs from EditGate's "
                                + context.modelHash()
                                + " (same folder "
                                + context.modelPath()
                                + " and dtype "
                                + context.dtype()
                                + "?)");
            }
            worker.call(WorkerProtocol.reset(), settings.timeout(), "reset request");
            LOG.info(
                    "{}: worker {} {} (pid {}) loaded {}; stderr in {}",
                    context.label(),
                    workerName,
                    workerVersion,
                    worker.pid(),
                    context.modelPath(),
                    stderr);
        } catch (RuntimeException e) {
            worker.kill();
            throw new EditException(
                    "external worker '"
                            + workerName
                            + "' of "
                            + context.label()
                            + " could not start: "
                            + e.getMessage()
                            + " (worker killed; stderr in "
                            + stderr
                            + ")",
                    e);
        }
    }

    private void hello() {
        JsonNode hello = worker.call(WorkerProtocol.hello(), settings.timeout(), "hello");
        if (!hello.path("name").isTextual() || hello.path("name").asText().isBlank()) {
            throw new WorkerException("answered hello without a \"name\": " + hello);
        }
        workerName = hello.path("name").asText();
        workerVersion = hello.path("version").asText("");
        int protocol = hello.path("protocol").asInt(WorkerProtocol.VERSION);
        if (protocol != WorkerProtocol.VERSION) {
            throw new WorkerException(
                    "speaks protocol " + protocol + "; EditGate speaks " + WorkerProtocol.VERSION);
        }
        if (!hello.path("modifies_weights").isBoolean()) {
            throw new WorkerException(
                    "answered hello without a boolean \"modifies_weights\": " + hello);
        }
        if (!hello.path("modifies_weights").asBoolean()) {
            throw new WorkerException(
                    "says it does not modify weights (an adaptor method such as GRACE):"
                            + " its edits would live in the worker's own model, which EditGate"
                            + " cannot score; adaptor methods cannot cross the process boundary"
                            + " (README, 'Write your own editing method')");
        }
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public AppliedEdit apply(LanguageModel model, List<EditRequest> batch) {
        int number = ++batches;
        int first = edits + 1;
        int last = edits + batch.size();
        edits = last;
        String where =
                "external worker '"
                        + workerName
                        + "' of "
                        + context.label()
                        + ", batch "
                        + number
                        + " (edits "
                        + first
                        + ".."
                        + last
                        + ")";
        if (failed) {
            throw new EditException(where + ": the worker was stopped after an earlier failure");
        }
        EditTransaction.validate("external", batch, false);
        Path outDir = context.workDir().resolve(String.format("batch-%04d", number));
        long start = System.nanoTime();
        try {
            Files.createDirectories(outDir);
            JsonNode answer =
                    worker.call(
                            WorkerProtocol.edit(number, first, batch, outDir),
                            settings.timeout(),
                            "edit of batch " + number);
            ReturnedTensors tensors = tensors(answer, outDir, model);
            AppliedEdit applied =
                    EditTransaction.run(
                            model,
                            "external",
                            tensors.names(),
                            () -> {
                                tensors.writeTo(model.weights(), model.manager());
                                return new AppliedEdit(tensors.names(), details(answer));
                            });
            deleteQuietly(outDir);
            LOG.debug(
                    "{}: {} tensors in {} ms",
                    where,
                    tensors.names().size(),
                    (System.nanoTime() - start) / 1_000_000);
            return applied;
        } catch (WorkerException | IOException e) {
            failed = true;
            worker.kill();
            throw new EditException(
                    where
                            + ": "
                            + e.getMessage()
                            + "; the worker's process tree was killed and the model is as it was"
                            + " before the batch (files kept in "
                            + outDir
                            + ")",
                    e);
        } catch (RuntimeException e) {
            failed = true;
            worker.kill();
            throw new EditException(where + ": " + e.getMessage() + "; the worker was killed", e);
        }
    }

    private ReturnedTensors tensors(JsonNode answer, Path outDir, LanguageModel model) {
        JsonNode file = answer.path("tensors");
        if (file.isMissingNode() || file.isNull()) {
            return ReturnedTensors.none();
        }
        if (!file.isTextual()) {
            throw new WorkerException(
                    "\"tensors\" must be the name of a safetensors file in "
                            + outDir
                            + " (or null when nothing changed), found "
                            + file);
        }
        Path path = outDir.resolve(file.asText()).normalize();
        if (!path.startsWith(outDir.normalize())) {
            throw new WorkerException(
                    "\"tensors\" names " + path + ", outside the folder it was given, " + outDir);
        }
        if (!Files.isRegularFile(path)) {
            throw new WorkerException("\"tensors\" names " + path + ", which does not exist");
        }
        return ReturnedTensors.read(path, model.weights());
    }

    private Map<String, Object> details(JsonNode answer) {
        Map<String, Object> out = new TreeMap<>();
        JsonNode d = answer.path("details");
        if (d.isObject()) {
            out.putAll(JSON.convertValue(d, LinkedHashMap.class));
        } else if (!d.isMissingNode() && !d.isNull()) {
            throw new WorkerException("\"details\" must be a JSON object, found " + d);
        }
        out.values().removeIf(java.util.Objects::isNull);
        out.put("worker", workerVersion.isEmpty() ? workerName : workerName + " " + workerVersion);
        return out;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.toString());
        }
    }

    /** Asks the worker to exit, then kills what is left of its process tree. */
    @Override
    public void close() {
        worker.shutdown(SHUTDOWN_GRACE);
    }

    /** The worker process (tests check that it is gone). */
    WorkerProcess worker() {
        return worker;
    }
}
