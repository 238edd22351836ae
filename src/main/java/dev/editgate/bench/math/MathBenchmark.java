package dev.editgate.bench.math;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import dev.editgate.bench.protocol.Protocol;
import java.util.List;
import java.util.function.Predicate;

/**
 * MATH, 4-shot GEN ({@code math_gen_265cce}), 512 new tokens, no stop strings. At the study's
 * commit: {@code math_postprocess} and {@code MATHEvaluator} v1; at head ({@code protocol:
 * opencompass-head}): {@code math_postprocess_v2} and {@code MATHEvaluator(version='v2')}.
 */
final class MathBenchmark extends GenerativeBenchmark {
    private final Protocol protocol;

    MathBenchmark(List<GenItem> items, int maxNewTokens, int batchSize, Protocol protocol) {
        super("math", items, maxNewTokens, batchSize);
        this.protocol = protocol;
    }

    @Override
    public String extract(String output) {
        return protocol == Protocol.HEAD
                ? MathAnswers.extractHead(output)
                : MathAnswers.extract(output);
    }

    @Override
    public double judge(String prediction, GenItem item) {
        boolean ok =
                protocol == Protocol.HEAD
                        ? MathEquivalence.isEquivHead(prediction, item.reference())
                        : MathEquivalence.isEquiv(prediction, item.reference());
        return ok ? 1 : 0;
    }

    /** The study's extraction is settled once a "final answer" sentence has ended; head's never. */
    @Override
    protected Predicate<String> decided() {
        return protocol == Protocol.HEAD ? null : MathAnswers::decided;
    }
}
