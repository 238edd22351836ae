package dev.editgate.bench.protocol;

import java.util.List;

/**
 * A GEN protocol whose answer is an option letter: the letter is taken from the output with {@link
 * AnswerPatterns#firstCapital} or, when {@code options} is given, {@link
 * AnswerPatterns#firstOption}; correct when it equals the reference letter.
 */
public final class LetterAnswerBenchmark extends GenerativeBenchmark {
    /** OpenCompass' model configs leave these benchmarks' output length at the model default. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 100;

    private final String options;
    private final Protocol protocol;

    /**
     * @param options the option letters for first-option extraction (e.g. {@code "AB"}), or null
     *     for first-capital extraction
     */
    public LetterAnswerBenchmark(
            String name, List<GenItem> items, String options, int maxNewTokens, int batchSize) {
        this(name, items, options, maxNewTokens, batchSize, Protocol.STUDY);
    }

    /** As above, with the first-option patterns of {@code protocol}. */
    public LetterAnswerBenchmark(
            String name,
            List<GenItem> items,
            String options,
            int maxNewTokens,
            int batchSize,
            Protocol protocol) {
        super(name, items, maxNewTokens, batchSize);
        this.options = options;
        this.protocol = protocol;
    }

    @Override
    public String extract(String output) {
        if (options == null) {
            return AnswerPatterns.firstCapital(output);
        }
        return protocol == Protocol.HEAD
                ? AnswerPatterns.firstOptionHead(output, options)
                : AnswerPatterns.firstOption(output, options);
    }

    /**
     * First-capital answers are settled at the first upper-case letter; first-option answers read
     * the whole output (patterns anchored at its end), so they never settle early.
     */
    @Override
    protected java.util.function.Predicate<String> decided() {
        return options == null ? t -> !AnswerPatterns.firstCapital(t).isEmpty() : null;
    }

    @Override
    public double judge(String prediction, GenItem item) {
        return prediction.equals(item.reference()) ? 1 : 0;
    }
}
