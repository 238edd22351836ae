package dev.editgate.bench.protocol;

import java.util.List;

/**
 * A GEN protocol whose answer is an option letter: the letter is taken from the output with {@link
 * AnswerPatterns#firstCapital} or, when {@code options} is given, {@link
 * AnswerPatterns#firstOption}; correct when it equals the reference letter.
 */
public final class LetterAnswerBenchmark extends GenerativeBenchmark {
    private final String options;

    /**
     * @param options the option letters for first-option extraction (e.g. {@code "AB"}), or null
     *     for first-capital extraction
     */
    public LetterAnswerBenchmark(
            String name, List<GenItem> items, String options, int maxNewTokens, int batchSize) {
        super(name, items, maxNewTokens, batchSize);
        this.options = options;
    }

    @Override
    public String extract(String output) {
        return options == null
                ? AnswerPatterns.firstCapital(output)
                : AnswerPatterns.firstOption(output, options);
    }

    @Override
    public double judge(String prediction, GenItem item) {
        return prediction.equals(item.reference()) ? 1 : 0;
    }
}
