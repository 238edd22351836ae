package dev.editgate.engine;

import ai.djl.ndarray.NDArray;
import dev.editgate.bench.Benchmark;
import dev.editgate.bench.BenchmarkProvider;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.model.LanguageModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only benchmark {@code weight-norm}: the Frobenius norm of one of the model's weights, read
 * from {@link LanguageModel#weights()}. Real and deterministic, so engine tests can predict scores
 * exactly; settings {@code tensor} (required) and {@code higher_is_better} (default true).
 */
public final class WeightNormBenchmarkProvider implements BenchmarkProvider {
    /** Every evaluation so far (baselines included), to count what a run computes. */
    static final AtomicInteger EVALUATED = new AtomicInteger();

    @Override
    public String name() {
        return "weight-norm";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("tensor", "higher_is_better");
    }

    @Override
    public void validate(Map<String, Object> settings) {
        if (!(settings.get("tensor") instanceof String)) {
            throw new IllegalArgumentException(
                    "tensor must name a weight, was " + settings.get("tensor"));
        }
    }

    @Override
    public Benchmark create(Map<String, Object> settings, Path baseDir) {
        String tensor = (String) settings.get("tensor");
        boolean higher = !Boolean.FALSE.equals(settings.get("higher_is_better"));
        return new Benchmark() {
            @Override
            public String name() {
                return "weight-norm";
            }

            @Override
            public Score evaluate(LanguageModel model, EvalContext context) {
                EVALUATED.incrementAndGet();
                NDArray norm = model.weights().get(tensor).norm();
                try {
                    float value = norm.getFloat();
                    // one item, the tensor itself, so reports carry item records like real
                    // benchmarks'
                    return new Score(
                            "frobenius-norm",
                            value,
                            higher,
                            List.of(
                                    new ItemRecord(
                                            tensor,
                                            tensor,
                                            Float.toString(value),
                                            "",
                                            true,
                                            value)));
                } finally {
                    norm.close();
                }
            }
        };
    }
}
