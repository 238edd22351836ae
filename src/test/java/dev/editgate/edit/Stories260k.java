package dev.editgate.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.model.weights.WeightStore;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * stories260k for editing tests: loaded once per test class, with a snapshot of every tensor so
 * each test starts from the pristine weights ({@link #reset}) and the golden prompts.
 */
public final class Stories260k implements AutoCloseable {
    public final LanguageModel model;
    public final String pristineHash;
    public final List<String> prompts = new ArrayList<>();
    public final List<int[]> goldenContinuations = new ArrayList<>();
    private final WeightStore.Snapshot pristine;

    private Stories260k(LanguageModel model, JsonNode golden) {
        this.model = model;
        this.pristine = model.weights().snapshot(model.weights().names());
        this.pristineHash = model.weights().contentHash();
        for (JsonNode p : golden.get("prompts")) {
            prompts.add(p.get("text").asText());
            JsonNode ids = p.get("greedy_continuation_ids");
            int[] c = new int[ids.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = ids.get(i).asInt();
            }
            goldenContinuations.add(c);
        }
    }

    /** Loads the model (skipping the test when the shared folder is absent). */
    public static Stories260k load() {
        var dir = Shared.stories260k();
        try {
            JsonNode golden =
                    new ObjectMapper().readTree(dir.resolve("golden/golden.json").toFile());
            return new Stories260k(Models.load(dir, "float32", "cpu"), golden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pristine weights, no adaptors. */
    public void reset() {
        model.clearAdaptors();
        model.weights().restore(pristine);
    }

    public WeightStore.Snapshot pristine() {
        return pristine;
    }

    /** The first {@code n} greedy tokens after {@code prompt}. */
    public int[] greedy(String prompt, int n) {
        return model.generateIds(
                        List.of(model.tokenizer().encode(prompt)), GenerationConfig.greedy(n))
                .get(0);
    }

    /** The first {@code n} tokens of golden prompt {@code i}'s continuation. */
    public int[] golden(int i, int n) {
        return Arrays.copyOf(goldenContinuations.get(i), n);
    }

    @Override
    public void close() {
        pristine.close();
        model.close();
    }
}
