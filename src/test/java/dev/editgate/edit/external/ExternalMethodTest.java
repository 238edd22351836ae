package dev.editgate.edit.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditException;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.weights.WeightStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code method: external} against toy workers written in the Python standard library (one script
 * per case under {@code src/test/resources/dev/editgate/edit/external}), on the in-repo tiny LLaMA
 * fixture. Needs the machine's {@code python3} ({@code .ci/run} installs it); skipped without it.
 */
class ExternalMethodTest {
    static final Path WORKERS =
            Path.of("src/test/resources/dev/editgate/edit/external").toAbsolutePath();
    static final Path MODEL =
            Path.of("src/test/resources/dev/editgate/model/fixtures/llama-gqa").toAbsolutePath();
    static final String DOWN = "model.layers.0.mlp.down_proj.weight";
    static final String UP = "model.layers.1.mlp.up_proj.weight";
    static final List<EditRequest> ONE =
            List.of(EditRequest.of("The capital of France is", "France", " Rome"));

    static LanguageModel model;
    static String pristine;

    @TempDir Path dir;
    ExternalMethod method;

    @BeforeAll
    static void load() {
        assumeTrue(Python.available(), "needs python3 on PATH (.ci/run installs it)");
        model = Models.load(MODEL, "float32", "cpu");
        pristine = model.weights().contentHash();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @AfterEach
    void stopWorker() {
        if (method != null) {
            method.close();
            assertThat(method.worker().isAlive()).isFalse();
        }
        assertThat(model.weights().contentHash()).isEqualTo(pristine);
    }

    private ExternalMethod start(String script, Map<String, Object> hparams, double timeout) {
        Map<String, Object> settings =
                Map.of("command", List.of("python3", script), "timeout_s", timeout);
        EditContext context =
                new EditContext(
                        "unit/" + script,
                        MODEL,
                        "float32",
                        "cpu",
                        pristine,
                        WORKERS,
                        dir.resolve("work"),
                        settings);
        return (ExternalMethod) new ExternalProvider().create(model, hparams, context);
    }

    @Test
    void scaleWorkerEditsGoThroughTheWeightStoreAndRestoreExactly() throws IOException {
        float[] before = model.weights().get(DOWN).toFloatArray();
        try (WeightStore.Snapshot journal = model.weights().journal()) {
            method = start("scale_worker.py", Map.of("tensor", DOWN, "factor", 0.5), 60);
            AppliedEdit first = method.apply(model, ONE);
            AppliedEdit second = method.apply(model, List.of(ONE.get(0), ONE.get(0)));

            assertThat(first.changedTensors()).containsExactly(DOWN);
            assertThat(second.details())
                    .containsEntry("factor", 0.5)
                    .containsEntry("worker", "scale 1.0")
                    .containsKey("norm");
            float[] after = model.weights().get(DOWN).toFloatArray();
            for (int i = 0; i < after.length; i++) {
                assertThat(after[i]).isEqualTo((float) (before[i] * 0.125));
            }
            assertThat(journal.names()).containsExactly(DOWN);
            assertThat(model.weights().contentHash()).isNotEqualTo(pristine);
            model.weights().restore(journal);
        }
        assertThat(model.weights().contentHash()).isEqualTo(pristine);
        assertThat(dir.resolve("work/stderr.log"))
                .content()
                .contains("scale worker loaded " + DOWN + " [48, 64]");
        assertThat(dir.resolve("work/batch-0001")).doesNotExist();
    }

    @Test
    void crashEndsTheEditWithItsExitCodeAndStderr() {
        method = start("crash_worker.py", Map.of(), 60);
        assertThatThrownBy(() -> method.apply(model, ONE))
                .isInstanceOf(EditException.class)
                .hasMessageContaining("external worker 'crash' of unit/crash_worker.py, batch 1")
                .hasMessageContaining("closed its stdout before answering the edit of batch 1")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("crash worker: giving up on purpose")
                .hasMessageContaining("the model is as it was before the batch");
        assertThatThrownBy(() -> method.apply(model, ONE))
                .hasMessageContaining("batch 2 (edits 2..2)")
                .hasMessageContaining("stopped after an earlier failure");
    }

    @Test
    void hangPastTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        method = start("hang_worker.py", Map.of("pid_file", pidFile.toString()), 3);
        long start = System.nanoTime();
        assertThatThrownBy(() -> method.apply(model, ONE))
                .isInstanceOf(EditException.class)
                .hasMessageContaining("'hang'")
                .hasMessageContaining("batch 1")
                .hasMessageContaining("no answer to the edit of batch 1 within its timeout of 3 s")
                .hasMessageContaining("process tree was killed");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
        assertThat(method.worker().isAlive()).isFalse();
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
                .as("the worker's child process %d", child)
                .isFalse();
    }

    @Test
    void malformedAnswerIsQuoted() {
        method = start("malformed_worker.py", Map.of(), 60);
        assertThatThrownBy(() -> method.apply(model, ONE))
                .hasMessageContaining("'malformed'")
                .hasMessageContaining(
                        "answered the edit of batch 1 with a line that is not a JSON object:"
                                + " Executing edit... done {");
        assertThat(method.worker().isAlive()).isFalse();
    }

    @Test
    void unknownTensorIsNamed() {
        method = start("unknown_tensor_worker.py", Map.of(), 60);
        assertThatThrownBy(() -> method.apply(model, ONE))
                .hasMessageContaining("'unknown-tensor'")
                .hasMessageContaining(
                        "returned tensor 'model.layers.99.mlp.down_proj.weight', which the model"
                                + " does not have")
                .hasMessageContaining("does not have (tensors include: lm_head.weight");
    }

    @Test
    void wrongShapeIsNamedWithBothShapes() {
        method = start("wrong_shape_worker.py", Map.of("tensor", DOWN), 60);
        assertThatThrownBy(() -> method.apply(model, ONE))
                .hasMessageContaining(
                        "returned tensor '"
                                + DOWN
                                + "' with shape [64, 48]; the model's is [48, 64]");
    }

    @Test
    void wrongDtypeIsRefused() {
        method = start("wrong_dtype_worker.py", Map.of("tensor", DOWN), 60);
        assertThatThrownBy(() -> method.apply(model, ONE))
                .hasMessageContaining(
                        "returned tensor '" + DOWN + "' as F16; the model holds it as F32");
    }

    @Test
    void nonFiniteValueWritesNothingAtAll() {
        Map<String, Object> hp = new HashMap<>();
        hp.put("good_tensor", UP);
        hp.put("tensor", DOWN);
        method = start("nonfinite_worker.py", hp, 60);
        assertThatThrownBy(() -> method.apply(model, ONE))
                .hasMessageContaining("returned tensor '" + DOWN + "' with a non-finite value (NaN")
                .hasMessageContaining("batch 1");
        // the valid tensor before it in the file was not written either (checked in stopWorker)
        assertThat(model.weights().contentHash()).isEqualTo(pristine);
    }

    @Test
    void adaptorWorkerIsRefusedAtStart() {
        assertThatThrownBy(() -> start("adaptor_worker.py", Map.of(), 60))
                .isInstanceOf(EditException.class)
                .hasMessageContaining(
                        "external worker 'adaptor' of unit/adaptor_worker.py could not start")
                .hasMessageContaining("does not modify weights")
                .hasMessageContaining("adaptor methods cannot cross the process boundary");
    }

    @Test
    void workerCopyWithAnotherContentHashIsRefused() {
        // scale_worker reports the hash it computed in plain Python: the other tests pass only
        // when it equals EditGate's; this worker reports a wrong one
        assertThatThrownBy(() -> start("stale_copy_worker.py", Map.of(), 60))
                .hasMessageContaining("'stale-copy'")
                .hasMessageContaining(
                        "loaded weights whose content hash "
                                + "0".repeat(64)
                                + " differs from EditGate's "
                                + pristine);
    }

    @Test
    void workerErrorAnswerIsPassedOn() {
        // scale_worker without its hyperparameters fails its load with a KeyError
        assertThatThrownBy(() -> start("scale_worker.py", Map.of(), 60))
                .hasMessageContaining("reported an error on the load request: KeyError: 'tensor'");
    }
}
