package dev.editgate.bench.mmlu;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemProgress;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * MMLU, 5-shot, PPL ranking of the four options: the option letter whose continuation is most
 * likely after the shared prompt is the prediction; the score is accuracy.
 */
public final class MmluBenchmark implements Benchmark {
    private final List<MmluItem> items;
    private final List<String> contexts;
    private final ChoiceRanking.Mode mode;
    private final int batchSize;

    MmluBenchmark(
            List<MmluItem> items, List<String> contexts, ChoiceRanking.Mode mode, int batchSize) {
        this.items = List.copyOf(items);
        this.contexts = List.copyOf(contexts);
        this.mode = mode;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "mmlu";
    }

    /** Number of questions scored per evaluation. */
    public int size() {
        return items.size();
    }

    /** The shared context of every question, in order. */
    public List<String> contexts() {
        return contexts;
    }

    /**
     * The questions as PPL-ranking inputs: shared context, continuations {@code " A"} .. {@code "
     * D"}.
     */
    public List<ChoiceRanking.Question> questions() {
        List<ChoiceRanking.Question> qs = new ArrayList<>(items.size());
        for (String c : contexts) {
            qs.add(
                    new ChoiceRanking.Question(
                            c,
                            List.of(
                                    MmluPrompt.continuation(0), MmluPrompt.continuation(1),
                                    MmluPrompt.continuation(2), MmluPrompt.continuation(3))));
        }
        return qs;
    }

    @Override
    public Score evaluate(LanguageModel model, EvalContext context) {
        return evaluate(model, mode, context.progress());
    }

    /** Scores with the given ranking mode (the scoring benchmark compares both). */
    public Score evaluate(LanguageModel model, ChoiceRanking.Mode rankingMode) {
        return evaluate(model, rankingMode, ItemProgress.NONE);
    }

    private Score evaluate(
            LanguageModel model, ChoiceRanking.Mode rankingMode, ItemProgress progress) {
        List<double[]> ll =
                new ChoiceRanking(model, batchSize).score(questions(), rankingMode, progress);
        List<ItemRecord> records = new ArrayList<>(items.size());
        int correct = 0;
        for (int i = 0; i < items.size(); i++) {
            MmluItem item = items.get(i);
            int pred = ChoiceRanking.argmax(ll.get(i));
            boolean ok = pred == item.answer();
            correct += ok ? 1 : 0;
            records.add(
                    new ItemRecord(
                            item.id(),
                            contexts.get(i),
                            String.valueOf(MmluItem.LETTERS.charAt(pred)),
                            item.answerLetter(),
                            ok,
                            ok ? 1 : 0));
        }
        return new Score(
                "accuracy", items.isEmpty() ? 0 : (double) correct / items.size(), true, records);
    }
}
