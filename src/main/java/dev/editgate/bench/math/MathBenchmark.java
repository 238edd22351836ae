package dev.editgate.bench.math;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import java.util.List;

/**
 * MATH, 4-shot GEN: the boxed or stated final answer, equivalent to the reference after
 * normalisation.
 */
final class MathBenchmark extends GenerativeBenchmark {

    MathBenchmark(List<GenItem> items, int maxNewTokens, int batchSize) {
        super("math", items, maxNewTokens, batchSize);
    }

    @Override
    public String extract(String output) {
        return MathAnswers.extract(output);
    }

    @Override
    public double judge(String prediction, GenItem item) {
        return !prediction.isEmpty() && MathEquivalence.isEquiv(prediction, item.reference())
                ? 1
                : 0;
    }

    /**
     * A base model goes on with the next "Problem:"; the exemplars end with "I hope it is correct."
     */
    @Override
    protected List<String> stops() {
        return List.of("I hope it is correct", "\nProblem:");
    }
}
