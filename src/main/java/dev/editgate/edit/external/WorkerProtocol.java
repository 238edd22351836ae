package dev.editgate.edit.external;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The requests EditGate sends a worker, one JSON object per line on its stdin (protocol version
 * {@value #VERSION}; README "Write your own editing method" documents the answers). Every request
 * has an {@code id} and a {@code verb}:
 *
 * <ul>
 *   <li>{@code hello} → {@code name}, {@code version}, {@code modifies_weights} (must be true),
 *       optionally {@code protocol};
 *   <li>{@code load}: {@code model} ({@code path}, {@code dtype}, {@code device}, {@code
 *       content_hash}), {@code hparams} (the scenario's, passed through), {@code work_dir} →
 *       optionally {@code content_hash} of the worker's copy, checked;
 *   <li>{@code reset}: back to the pristine weights loaded;
 *   <li>{@code edit}: {@code batch} (1-based), {@code first_edit}, {@code requests} (prompt,
 *       subject, target, ground_truth, rephrase, locality_prompt, locality_answer), {@code out_dir}
 *       → {@code tensors} (a safetensors file in {@code out_dir} holding every tensor changed, by
 *       Hugging Face name, whole; null when none) and {@code details} (figures for edits.jsonl);
 *   <li>{@code shutdown}: exit.
 * </ul>
 *
 * Each answer echoes the {@code id} and has {@code "ok": true}, or {@code "ok": false} with an
 * {@code error}.
 */
final class WorkerProtocol {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerProtocol() {}

    static ObjectNode hello() {
        return verb("hello").put("protocol", VERSION);
    }

    static ObjectNode load(LanguageModel model, EditContext context, Map<String, Object> hparams) {
        ObjectNode m = verb("load");
        m.putObject("model")
                .put("path", context.modelPath().toAbsolutePath().toString())
                .put("dtype", context.dtype())
                .put("device", device(model.device()))
                .put("content_hash", context.modelHash());
        m.set("hparams", JSON.valueToTree(hparams));
        m.put("work_dir", context.workDir().toAbsolutePath().toString());
        return m;
    }

    static ObjectNode reset() {
        return verb("reset");
    }

    static ObjectNode edit(int batch, int firstEdit, List<EditRequest> requests, Path outDir) {
        ObjectNode m = verb("edit").put("batch", batch).put("first_edit", firstEdit);
        ArrayNode list = m.putArray("requests");
        for (EditRequest r : requests) {
            list.addObject()
                    .put("prompt", r.prompt())
                    .put("subject", r.subject())
                    .put("target", r.target())
                    .put("ground_truth", r.groundTruth())
                    .put("rephrase", r.rephrase())
                    .put("locality_prompt", r.localityPrompt())
                    .put("locality_answer", r.localityAnswer());
        }
        m.put("out_dir", outDir.toAbsolutePath().toString());
        return m;
    }

    /** {@code cpu}, {@code cuda:0}: the names PyTorch uses. */
    static String device(Device device) {
        if (device.isGpu()) {
            return "cuda:" + Math.max(0, device.getDeviceId());
        }
        return device.getDeviceType();
    }

    private static ObjectNode verb(String verb) {
        return JSON.createObjectNode().put("verb", verb);
    }
}
