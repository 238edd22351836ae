package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.editgate.edit.alphaedit.AlphaEditProvider;
import dev.editgate.edit.ft.FtProvider;
import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.weights.WeightStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The memory plan for large models, measured on the tiny fixture through the model manager's live
 * NDArrays ({@code NDManager.getManagedArrays}, which walks its sub-managers): the journal that
 * makes restoring exact holds a copy of exactly the tensors an edit changed (its bytes equal
 * theirs, and nothing else stays alive after the edit), and scoring and generation (with its KV
 * cache) leave no array alive after each call.
 */
class MemoryPlanTest {
    private static final Path MODEL =
            Path.of("src/test/resources/dev/editgate/model/fixtures/llama-gqa");

    private static long liveBytes(LanguageModel model) {
        return model.manager().getManagedArrays().stream()
                .filter(a -> !a.isReleased())
                .mapToLong(a -> a.getShape().size() * a.getDataType().getNumOfBytes())
                .sum();
    }

    private static int liveCount(LanguageModel model) {
        return (int)
                model.manager().getManagedArrays().stream().filter(a -> !a.isReleased()).count();
    }

    /** The live arrays not in {@code before}: shape, dtype and name each. */
    private static List<String> newArrays(LanguageModel model, List<NDArray> before) {
        java.util.Set<NDArray> old =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        old.addAll(before);
        List<String> out = new ArrayList<>();
        for (NDArray a : model.manager().getManagedArrays()) {
            if (!a.isReleased() && !old.contains(a)) {
                out.add(a.getShape() + " " + a.getDataType() + " " + a.getName());
            }
        }
        return out;
    }

    @Test
    void theJournalHoldsExactlyTheEditedTensors() {
        try (LanguageModel model = Models.load(MODEL, "float32", "cpu")) {
            WeightStore weights = model.weights();
            List<String> names = weights.names();
            List<float[]> before = new ArrayList<>();
            names.forEach(n -> before.add(weights.get(n).toFloatArray()));
            long modelBytes = liveBytes(model);
            int modelArrays = liveCount(model);

            try (WeightStore.Snapshot journal = weights.journal();
                    EditMethod ft =
                            new FtProvider()
                                    .create(model, Map.of("layers", List.of(1), "num_steps", 3))) {
                ft.apply(
                        model,
                        List.of(EditRequest.of("The capital of France is", "France", " Rome")));
                TreeSet<String> changed = new TreeSet<>();
                long changedBytes = 0;
                for (int i = 0; i < names.size(); i++) {
                    NDArray w = weights.get(names.get(i));
                    if (!Arrays.equals(before.get(i), w.toFloatArray())) {
                        changed.add(names.get(i));
                        changedBytes += w.getShape().size() * w.getDataType().getNumOfBytes();
                    }
                }
                assertThat(changed).containsExactly("model.layers.1.mlp.down_proj.weight");
                assertThat(new TreeSet<>(journal.names())).isEqualTo(changed);
                long journalBytes = 0;
                for (String n : journal.names()) {
                    NDArray copy = journal.get(n);
                    journalBytes += copy.getShape().size() * copy.getDataType().getNumOfBytes();
                }
                assertThat(journalBytes).isEqualTo(changedBytes);
                // what the edit left alive beside the model: the journal's copies, nothing else
                // (the edit's own snapshot, gradients and activations are freed)
                assertThat(liveBytes(model) - modelBytes).isEqualTo(journalBytes);
                assertThat(liveCount(model) - modelArrays).isEqualTo(journal.names().size());
                assertThat(changedBytes * 10).isLessThan(modelBytes);
            }
            assertThat(liveBytes(model)).isEqualTo(modelBytes);
        }
    }

    /**
     * AlphaEdit keeps P and K_p K_pᵀ per critical layer (float64) between edits, and nothing else:
     * the second moments it builds P from (float32 and float64, 1.5 GB per layer on a 7B) are freed
     * once P is built.
     */
    @Test
    void alphaEditKeepsOnlyItsProjectorsAndPreviousKeys() throws Exception {
        Path corpus =
                Path.of(
                        MemoryPlanTest.class
                                .getResource("/dev/editgate/edit/stats/corpus.jsonl")
                                .toURI());
        try (LanguageModel model = Models.load(MODEL, "float32", "cpu")) {
            long modelBytes = liveBytes(model);
            List<NDArray> weightsOnly = model.manager().getManagedArrays();
            Map<String, Object> hp =
                    Map.of(
                            "layers",
                            List.of(0, 1),
                            "mom2_dataset",
                            corpus.toString(),
                            "mom2_n_samples",
                            1000,
                            "nullspace_threshold",
                            0.0545,
                            "v_num_grad_steps",
                            3);
            try (EditMethod alpha = new AlphaEditProvider().create(model, hp)) {
                alpha.apply(
                        model,
                        List.of(EditRequest.of("The capital of France is", "France", " Rome")));
                long width = model.config().intermediateSize();
                long perLayer = 2 * width * width * 8; // P and K_p K_p^T, [I, I] float64
                assertThat(liveBytes(model) - modelBytes)
                        .as("bytes alive beside the weights: %s", newArrays(model, weightsOnly))
                        .isEqualTo(2 * perLayer);
            }
            assertThat(liveBytes(model)).isEqualTo(modelBytes);
        }
    }

    @Test
    void scoringAndGenerationFreeTheirArraysAndKvCacheAfterEachCall() {
        try (LanguageModel model = Models.load(MODEL, "float32", "cpu")) {
            int arrays = liveCount(model);
            long bytes = liveBytes(model);
            List<String> contexts = new ArrayList<>();
            List<String> continuations = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // more rows than one batch holds
                contexts.add("Once upon a time number " + i + " there was");
                continuations.add(" a cat");
            }
            for (int round = 0; round < 2; round++) {
                assertThat(model.score(contexts, continuations)).hasSize(40);
                assertThat(liveCount(model)).as("live arrays after scoring").isEqualTo(arrays);
                // two batches of rows (16 + 4), each with its KV cache and a shared few-shot prefix
                List<String> prompts = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    prompts.add("Few shot: the cat sat on the mat. Few shot: the dog " + i);
                }
                assertThat(model.generate(prompts, GenerationConfig.greedy(6))).hasSize(20);
                assertThat(liveCount(model)).as("live arrays after generation").isEqualTo(arrays);
                assertThat(liveBytes(model)).isEqualTo(bytes);
            }
        }
    }
}
