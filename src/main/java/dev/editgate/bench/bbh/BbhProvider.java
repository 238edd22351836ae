package dev.editgate.bench.bbh;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bbh}: settings {@code dataset} (the BBH folder), {@code tasks} (default all 27), {@code
 * limit}/{@code seed} (over all tasks' examples), {@code template} ({@code {hint}} = the task's CoT
 * prompt, {@code {input}}), {@code max_new_tokens} (512), {@code protocol} ({@code
 * opencompass-2024}, default, or {@code opencompass-head}). No stop strings, as in OpenCompass:
 * generation stops early only once the answer is settled. {@code shots} is fixed at the three
 * shipped exemplars.
 */
public final class BbhProvider extends ProviderSupport {
    static final String DEFAULT_TEMPLATE =
            "Follow the given examples and answer the question.\n{hint}\n\nQ: {input}\nA: Let's think step by step.";

    public BbhProvider() {
        super("bbh", List.of("tasks", "max_new_tokens", "protocol"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        Protocol.of(s);
        new PromptTemplate(s.string("template", DEFAULT_TEMPLATE))
                .check(List.of("hint", "input"), name());
        int shots = s.integer("shots", 3, 0);
        if (shots != 3) {
            throw new IllegalArgumentException(
                    "bbh: setting 'shots' = '"
                            + shots
                            + "' is not accepted; the CoT prompts hold exactly 3 exemplars");
        }
        for (String t : s.strings("tasks")) {
            if (!BbhAnswers.MULTIPLE_CHOICE.contains(t) && !BbhAnswers.FREE_FORM.contains(t)) {
                throw new IllegalArgumentException(
                        "bbh: setting 'tasks' names unknown task '"
                                + t
                                + "'; tasks: "
                                + BbhAnswers.MULTIPLE_CHOICE
                                + " "
                                + BbhAnswers.FREE_FORM);
            }
        }
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        BbhLoader loader = new BbhLoader(s.path("dataset", baseDir, null));
        List<String> tasks = s.strings("tasks");
        if (tasks.isEmpty()) {
            tasks = new ArrayList<>(BbhAnswers.MULTIPLE_CHOICE);
            tasks.addAll(BbhAnswers.FREE_FORM);
        }
        PromptTemplate template = new PromptTemplate(s.string("template", DEFAULT_TEMPLATE));
        List<BbhLoader.Example> all = new ArrayList<>();
        Map<String, String> hints = new java.util.HashMap<>();
        for (String t : tasks) {
            all.addAll(loader.examples(t));
            hints.put(t, loader.hint(t));
        }
        List<GenItem> items = new ArrayList<>();
        for (BbhLoader.Example e : sample(s, all)) {
            String prompt =
                    template.render(Map.of("hint", hints.get(e.task()), "input", e.input()));
            String reference =
                    BbhAnswers.isMultipleChoice(e.task())
                            ? BbhAnswers.multipleChoice(e.target())
                            : e.target();
            items.add(new GenItem(e.task() + "/" + e.index(), prompt, reference).inGroup(e.task()));
        }
        return new BbhBenchmark(
                items,
                s.integer("max_new_tokens", 512, 1),
                s.integer("batch_size", 8, 1),
                Protocol.of(s));
    }
}
