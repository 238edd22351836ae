package dev.editgate.bench.bbh;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import java.util.List;

/**
 * BIG-Bench Hard, 3-shot chain of thought over the 27 tasks (OpenCompass {@code bbh_gen}): the
 * answer is read after "answer is"; multiple-choice tasks compare option letters, free-form tasks
 * the answer text. The score is accuracy over all items.
 */
final class BbhBenchmark extends GenerativeBenchmark {
    private final List<String> stops;

    BbhBenchmark(List<GenItem> items, int maxNewTokens, int batchSize, List<String> stops) {
        super("bbh", items, maxNewTokens, batchSize);
        this.stops = List.copyOf(stops);
    }

    /** Extraction depends on the task; {@link #scoreOutputs} judges with the item's task. */
    @Override
    public String extract(String output) {
        return BbhAnswers.freeForm(output);
    }

    @Override
    public double judge(String prediction, GenItem item) {
        return prediction.equals(item.reference()) ? 1 : 0;
    }

    @Override
    protected List<String> stops() {
        return stops;
    }

    @Override
    protected String extract(String output, GenItem item) {
        String task = item.id().substring(0, item.id().indexOf('/'));
        return BbhAnswers.isMultipleChoice(task)
                ? BbhAnswers.multipleChoice(output)
                : BbhAnswers.freeForm(output);
    }
}
