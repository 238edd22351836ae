package dev.editgate.bench.bbh;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import dev.editgate.bench.protocol.Protocol;
import java.util.List;
import java.util.function.Predicate;

/**
 * BIG-Bench Hard, 3-shot chain of thought over the 27 tasks (OpenCompass {@code bbh_gen_5b92b0}):
 * the answer is read after "answer is" ({@code bbh_mcq_postprocess} for the 17 multiple-choice
 * tasks, compared with the target processed alike; {@code bbh_freeform_postprocess} for the ten
 * free-form ones). The score is the mean over tasks of their accuracies, as OpenCompass' BBH
 * summary; the micro mean is kept beside it.
 */
final class BbhBenchmark extends GenerativeBenchmark {
    private final Protocol protocol;

    BbhBenchmark(List<GenItem> items, int maxNewTokens, int batchSize, Protocol protocol) {
        super("bbh", items, maxNewTokens, batchSize);
        this.protocol = protocol;
    }

    @Override
    public String extract(String output) {
        return protocol == Protocol.HEAD
                ? BbhAnswers.freeFormHead(output)
                : BbhAnswers.freeForm(output);
    }

    @Override
    public double judge(String prediction, GenItem item) {
        if (protocol == Protocol.HEAD && !BbhAnswers.isMultipleChoice(item.group())) {
            String ref = BbhAnswers.freeFormHead(item.reference());
            return prediction
                            .toLowerCase(java.util.Locale.ROOT)
                            .equals(ref.toLowerCase(java.util.Locale.ROOT))
                    ? 1
                    : 0;
        }
        return prediction.equals(item.reference()) ? 1 : 0;
    }

    /** Stops once the answer is settled (every item of a batch shares the test). */
    @Override
    protected Predicate<String> decided() {
        boolean head = protocol == Protocol.HEAD;
        boolean allMc = items().stream().allMatch(i -> BbhAnswers.isMultipleChoice(i.group()));
        boolean allFf = items().stream().noneMatch(i -> BbhAnswers.isMultipleChoice(i.group()));
        if (allMc) {
            return t -> BbhAnswers.decided(t, true, head);
        }
        if (allFf) {
            return t -> BbhAnswers.decided(t, false, head);
        }
        return t -> BbhAnswers.decided(t, true, head) && BbhAnswers.decided(t, false, head);
    }

    @Override
    protected String extract(String output, GenItem item) {
        return BbhAnswers.isMultipleChoice(item.group())
                ? BbhAnswers.multipleChoice(output)
                : extract(output);
    }
}
