package dev.editgate.engine;

import ai.djl.ndarray.NDArray;
import dev.editgate.bench.Benchmark;
import dev.editgate.bench.BenchmarkProvider;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.model.LanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only benchmark {@code nonzero-entries}: one right/wrong item per leading entry of a weight
 * (settings {@code tensor}, {@code items}), right while the entry is not zero; the value is the
 * share of right items, an accuracy read from the model's real weights.
 */
public final class NonzeroEntriesBenchmarkProvider implements BenchmarkProvider {

    @Override
    public String name() {
        return "nonzero-entries";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("tensor", "items");
    }

    @Override
    public void validate(Map<String, Object> settings) {
        if (!(settings.get("tensor") instanceof String)
                || !(settings.get("items") instanceof Integer)) {
            throw new IllegalArgumentException("needs tensor (a name) and items (an integer)");
        }
    }

    @Override
    public Benchmark create(Map<String, Object> settings, Path baseDir) {
        String tensor = (String) settings.get("tensor");
        int n = (Integer) settings.get("items");
        return new Benchmark() {
            @Override
            public String name() {
                return "nonzero-entries";
            }

            @Override
            public Score evaluate(LanguageModel model, EvalContext context) {
                NDArray w = model.weights().get(tensor);
                float[] values = w.toFloatArray();
                if (values.length < n) {
                    throw new IllegalArgumentException(
                            tensor + " has " + values.length + " entries, not " + n);
                }
                List<ItemRecord> items = new ArrayList<>(n);
                int right = 0;
                for (int i = 0; i < n; i++) {
                    boolean ok = values[i] != 0;
                    right += ok ? 1 : 0;
                    items.add(
                            new ItemRecord(
                                    "entry-" + i,
                                    tensor + "[" + i + "]",
                                    Float.toString(values[i]),
                                    "≠ 0",
                                    ok,
                                    ok ? 1 : 0));
                }
                return new Score("accuracy", (double) right / n, true, items);
            }
        };
    }
}
