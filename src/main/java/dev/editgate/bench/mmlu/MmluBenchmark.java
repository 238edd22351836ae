package dev.editgate.bench.mmlu;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemProgress;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.TextTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * MMLU, 5-shot, PPL ranking of the four options: the option letter whose continuation is most
 * likely after the shared prompt is the prediction. The score is the mean over subjects of their
 * accuracies, as OpenCompass' {@code mmlu} summary; the micro mean (over questions) is kept beside
 * it. When a prompt with its answer is longer than the model's window, whole exemplars are dropped
 * from the end until it fits, as OpenCompass' PPL inferencer does.
 */
public final class MmluBenchmark implements Benchmark {
    private final List<MmluItem> items;
    private final List<List<MmluItem>> shots;
    private final MmluPrompt prompt;
    private final List<String> contexts;
    private final ChoiceRanking.Mode mode;
    private final int batchSize;

    MmluBenchmark(
            List<MmluItem> items,
            List<List<MmluItem>> shots,
            MmluPrompt prompt,
            ChoiceRanking.Mode mode,
            int batchSize) {
        this.items = List.copyOf(items);
        this.shots = List.copyOf(shots);
        this.prompt = prompt;
        List<String> c = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            c.add(prompt.context(items.get(i), shots.get(i)));
        }
        this.contexts = List.copyOf(c);
        this.mode = mode;
        this.batchSize = batchSize;
    }

    /**
     * Every question's context for a model of {@code window} positions: its exemplars, the last
     * dropped while the prompt with its longest answer exceeds the window ({@code <= 1}: no limit).
     */
    public List<String> contexts(TextTokenizer tokenizer, int window) {
        if (window <= 1) {
            return contexts;
        }
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            List<MmluItem> ex = shots.get(i);
            int k = ex.size();
            String c = contexts.get(i);
            while (k > 0 && longest(tokenizer, c) > window) {
                k--;
                c = prompt.context(items.get(i), ex.subList(0, k));
            }
            out.add(c);
        }
        return out;
    }

    private static int longest(TextTokenizer tokenizer, String context) {
        int n = 0;
        for (int o = 0; o < 4; o++) {
            n = Math.max(n, tokenizer.encode(context + MmluPrompt.continuation(o)).length);
        }
        return n;
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
        return questions(contexts);
    }

    private static List<ChoiceRanking.Question> questions(List<String> contexts) {
        List<ChoiceRanking.Question> qs = new ArrayList<>(contexts.size());
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
        List<String> fitted = contexts(model.tokenizer(), model.config().maxPositions());
        List<double[]> ll =
                new ChoiceRanking(model, batchSize).score(questions(fitted), rankingMode, progress);
        List<ItemRecord> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            MmluItem item = items.get(i);
            int pred = ChoiceRanking.argmax(ll.get(i));
            boolean ok = pred == item.answer();
            records.add(
                    new ItemRecord(
                                    item.id(),
                                    fitted.get(i),
                                    String.valueOf(MmluItem.LETTERS.charAt(pred)),
                                    item.answerLetter(),
                                    ok,
                                    ok ? 1 : 0)
                            .withGroup(item.subject()));
        }
        return Score.macroOverGroups("accuracy", records);
    }
}
