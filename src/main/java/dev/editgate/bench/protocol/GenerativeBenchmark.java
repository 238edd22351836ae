package dev.editgate.bench.protocol;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemProgress;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A GEN protocol: greedy generation from each item's prompt, an answer extracted from the output,
 * the answer judged against the reference. The score is the mean of the item scores, or, when the
 * items carry groups (BBH tasks, TyDiQA languages), the mean over groups of their means.
 */
public abstract class GenerativeBenchmark implements Benchmark {
    private final String name;
    private final List<GenItem> items;
    private final int maxNewTokens;
    private final int batchSize;

    protected GenerativeBenchmark(
            String name, List<GenItem> items, int maxNewTokens, int batchSize) {
        this.name = name;
        this.items = List.copyOf(items);
        this.maxNewTokens = maxNewTokens;
        this.batchSize = batchSize;
    }

    /** The answer found in a model output ("" when there is none). */
    public abstract String extract(String output);

    /** The answer in {@code output} for {@code item}; per-item rules override this. */
    protected String extract(String output, GenItem item) {
        return extract(output);
    }

    /** The item's score for {@code prediction}: 1 or 0 for accuracy, an F1 in [0, 1], ... */
    public abstract double judge(String prediction, GenItem item);

    /** Strings at which generation stops (none: OpenCompass stops only at end of sequence). */
    protected List<String> stops() {
        return List.of();
    }

    /**
     * Holds for an output once no continuation can change the answer extracted from it, so
     * generation may stop there without changing any verdict; null: generate up to the token limit
     * or the end of sequence, as OpenCompass does.
     */
    protected java.util.function.Predicate<String> decided() {
        return null;
    }

    /** The most new tokens generated per item. */
    public int maxNewTokens() {
        return maxNewTokens;
    }

    /** Name of the metric reported. */
    protected String metric() {
        return "accuracy";
    }

    @Override
    public String name() {
        return name;
    }

    public List<GenItem> items() {
        return items;
    }

    @Override
    public Score evaluate(LanguageModel model, EvalContext context) {
        return scoreOutputs(generate(model, context.progress()));
    }

    /** The raw outputs of {@code model}, one per item. */
    public List<String> generate(LanguageModel model) {
        return generate(model, ItemProgress.NONE);
    }

    private List<String> generate(LanguageModel model, ItemProgress progress) {
        List<String> prompts = items.stream().map(GenItem::prompt).toList();
        return new GreedyGeneration(model, batchSize)
                .generate(prompts, maxNewTokens, stops(), decided(), progress);
    }

    /** Extracts, judges and aggregates raw outputs (one per item, in order). */
    public Score scoreOutputs(List<String> outputs) {
        if (outputs.size() != items.size()) {
            throw new IllegalArgumentException(
                    name + ": " + outputs.size() + " outputs for " + items.size() + " items");
        }
        List<ItemRecord> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            GenItem item = items.get(i);
            String prediction = extract(outputs.get(i), item);
            double s = judge(prediction, item);
            records.add(
                    new ItemRecord(
                                    item.id(),
                                    item.prompt(),
                                    prediction,
                                    item.reference(),
                                    s >= 1.0,
                                    s)
                            .withGroup(item.group()));
        }
        return Score.macroOverGroups(metric(), records);
    }
}
