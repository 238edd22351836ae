package dev.editgate.bench.icl;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sst2}: in-context sentiment classification (Lin et al. 2024, Section 7.3 and Appendix E.2;
 * the prompt of Wang et al. 2023, {@link IclPrompt}). The prediction is the label word of highest
 * log-likelihood after the prompt (for single-token label words: the larger of their next-token
 * logits, as Wang et al.'s {@code LMForwardAPI} reads them); the score is accuracy.
 */
public final class Sst2Benchmark implements Benchmark {
    private final IclSetup setup;
    private final int batchSize;

    Sst2Benchmark(IclSetup setup, int batchSize) {
        this.setup = setup;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "sst2";
    }

    /** The prompt of every item, in order. */
    public List<String> prompts() {
        List<String> out = new ArrayList<>();
        for (Sst2Item item : setup.items()) {
            out.add(setup.prompt().render(setup.demonstrations(), item).text());
        }
        return out;
    }

    @Override
    public Score evaluate(LanguageModel model, EvalContext context) {
        List<String> prompts = prompts();
        List<String> words = setup.prompt().labelWords();
        List<ChoiceRanking.Question> questions = new ArrayList<>();
        for (String p : prompts) {
            questions.add(new ChoiceRanking.Question(p, words));
        }
        List<double[]> ll =
                new ChoiceRanking(model, batchSize)
                        .score(questions, ChoiceRanking.Mode.SHARED, context.progress());
        List<ItemRecord> records = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Sst2Item item = setup.items().get(i);
            int pick = ChoiceRanking.argmax(ll.get(i));
            boolean correct = pick == item.label();
            records.add(
                    new ItemRecord(
                            item.id(),
                            prompts.get(i),
                            words.get(pick).strip(),
                            words.get(item.label()).strip(),
                            correct,
                            correct ? 1 : 0));
        }
        Score plain = new Score("accuracy", 0, true, records);
        return new Score("accuracy", plain.micro(), true, records);
    }
}
