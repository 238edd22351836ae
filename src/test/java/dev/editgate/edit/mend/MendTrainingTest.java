package dev.editgate.edit.mend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short MEND training runs on the tiny LLaMA fixture: training makes the hypernetwork edit (lower
 * validation edit loss, higher edit success than the untrained network of iteration 0), and a run
 * killed mid-way resumes from its checkpoint to exactly the uninterrupted result.
 */
class MendTrainingTest {
    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = MendFixtures.load("llama-gqa");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static MendTrainingSettings settings(int maxIters) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("lr", 1e-3);
        s.put("edit_lr", 1e-2);
        s.put("rank", 32);
        s.put("accumulate_bs", 2);
        s.put("val_interval", 20);
        s.put("log_interval", 10);
        s.put("val_batch_size", 1);
        s.put("val_steps", 10);
        s.put("max_iters", maxIters);
        s.put("checkpoint_interval", 10);
        s.put("seed", 3);
        return MendTrainingSettings.resolve(s);
    }

    static MendTrainer.Data data() {
        return new MendTrainer.Data(
                MendFixtures.records(0, 30),
                MendFixtures.records(30, 10),
                Map.of("source", "test"));
    }

    /** Keeps the validations; throws at {@code killAt} (a process killed after that iteration). */
    static final class Recorder implements MendTrainer.Progress {
        final List<Map<String, Double>> validations = new ArrayList<>();
        final int killAt;

        Recorder(int killAt) {
            this.killAt = killAt;
        }

        @Override
        public void iteration(int iteration, int maxIters, Map<String, Double> info) {
            if (iteration == killAt) {
                throw new IllegalStateException("killed at iteration " + iteration);
            }
        }

        @Override
        public void validated(int iteration, Map<String, Double> stats, boolean best) {
            validations.add(stats);
        }

        @Override
        public void message(String text) {}
    }

    @Test
    void shortTrainingLowersValidationEditLossAndRaisesEditSuccess(@TempDir Path out) {
        Recorder r = new Recorder(-1);
        MendTrainer.Result res = MendTrainer.train(model, settings(61), data(), out, r);
        assertThat(r.validations).hasSize(4); // iterations 0, 20, 40, 60
        // iteration 0: no optimizer step yet (the first comes at iteration accumulate_bs)
        Map<String, Double> untrained = r.validations.get(0);
        Map<String, Double> trained = res.finalValidation();
        assertThat(trained.get("loss/edit_val")).isLessThan(0.5 * untrained.get("loss/edit_val"));
        assertThat(trained.get("edit/acc_val")).isGreaterThan(untrained.get("edit/acc_val") + 0.2);
        assertThat(trained.get("loss/total_edit_val"))
                .isLessThan(untrained.get("loss/total_edit_val"));
        assertThat(res.bestIteration()).isPositive();
        assertThat(MendArchive.exists(out)).isTrue();
    }

    @Test
    void resumedRunEqualsTheUninterruptedOneBitForBit(@TempDir Path a, @TempDir Path b)
            throws IOException {
        MendTrainer.Result whole =
                MendTrainer.train(model, settings(40), data(), a, new Recorder(-1));

        assertThatThrownBy(
                        () -> MendTrainer.train(model, settings(40), data(), b, new Recorder(25)))
                .hasMessageContaining("killed at iteration 25");
        assertThat(TrainingState.exists(b)).isTrue();
        MendTrainer.Result resumed =
                MendTrainer.train(model, settings(40), data(), b, new Recorder(-1));

        assertThat(resumed.firstIteration()).isEqualTo(20); // the last checkpoint before the kill
        assertThat(resumed.bestIteration()).isEqualTo(whole.bestIteration());
        assertThat(tensors(b)).isEqualTo(tensors(a));
        assertThat(losses(b)).isEqualTo(losses(a));
        assertThat(resumed.finalValidation().get("loss/total_edit_val"))
                .isEqualTo(whole.finalValidation().get("loss/total_edit_val"));
    }

    @Test
    void checkpointOfAnotherRunIsRefusedButOneMayGoFurther(@TempDir Path out) {
        MendTrainer.train(model, settings(11), data(), out, new Recorder(-1));
        Map<String, Object> changed = new LinkedHashMap<>(settings(12).toJson());
        changed.put("lr", 2e-3);
        assertThatThrownBy(
                        () ->
                                MendTrainer.train(
                                        model,
                                        MendTrainingSettings.resolve(changed),
                                        data(),
                                        out,
                                        new Recorder(-1)))
                .hasMessageContaining("belongs to a run with other settings");
        MendTrainer.Result further =
                MendTrainer.train(model, settings(15), data(), out, new Recorder(-1));
        assertThat(further.firstIteration()).isEqualTo(11);
        assertThat(further.iterations()).isEqualTo(15);
    }

    @Test
    void overlappingTrainingAndValidationRecordsAreRefused(@TempDir Path out) {
        List<EditRequest> train = MendFixtures.records(0, 10);
        var data = new MendTrainer.Data(train, MendFixtures.records(8, 4), Map.of());
        assertThatThrownBy(() -> MendTrainer.train(model, settings(5), data, out, new Recorder(-1)))
                .hasMessageContaining("must not overlap");
    }

    /** The archive's tensors, as raw values by name. */
    static Map<String, List<Float>> tensors(Path dir) {
        var archive = MendArchive.read(dir);
        var lookup =
                TensorFiles.read(dir.resolve(archive.manifest().get("tensors").asText()), null);
        Map<String, List<Float>> out = new LinkedHashMap<>();
        try (MendNetwork net = archive.network(model, archive.modelHash())) {
            net.state()
                    .forEach(
                            (k, t) -> {
                                List<Float> v = new ArrayList<>();
                                for (float f :
                                        lookup.apply(
                                                        new TensorData.Spec(
                                                                k,
                                                                new ai.djl.ndarray.types.Shape(
                                                                        t.shape())))
                                                .data()) {
                                    v.add(f);
                                }
                                out.put(k, v);
                            });
        }
        return out;
    }

    /** The logged losses and edit success of every line (timings differ from run to run). */
    static List<String> losses(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve(MendTrainer.LOG))) {
            JsonNode n = json.readTree(line);
            StringBuilder b = new StringBuilder(n.get("kind").asText() + n.get("iteration"));
            n.fields()
                    .forEachRemaining(
                            e -> {
                                if (e.getKey().startsWith("loss/")
                                        || e.getKey().startsWith("edit/")) {
                                    b.append(' ')
                                            .append(e.getKey())
                                            .append('=')
                                            .append(e.getValue());
                                }
                            });
            out.add(b.toString());
        }
        return out;
    }
}
