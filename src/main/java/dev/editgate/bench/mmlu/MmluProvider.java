package dev.editgate.bench.mmlu;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mmlu}: settings {@code dataset} (folder with {@code dev/} and {@code test/}), {@code
 * format} (auto, csv-header, csv, jsonl), {@code subjects} (default all), {@code split} (test),
 * {@code shots} (5, from dev), {@code limit}/{@code seed}, {@code template} (question block),
 * {@code header}, {@code scoring} (shared or plain), {@code batch_size}.
 */
public final class MmluProvider extends ProviderSupport {

    public MmluProvider() {
        super("mmlu", List.of("subjects", "split", "header", "scoring"));
    }

    @Override
    protected List<String> formats() {
        return MmluLoader.FORMATS;
    }

    @Override
    protected void validateMore(BenchSettings s) {
        s.choice("scoring", "shared", Set.of("shared", "plain"));
        new PromptTemplate(s.string("template", MmluPrompt.DEFAULT_TEMPLATE))
                .check(MmluPrompt.FIELDS, "mmlu");
        new PromptTemplate(s.string("header", MmluPrompt.DEFAULT_HEADER))
                .check(MmluPrompt.FIELDS, "mmlu");
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path root = s.path("dataset", baseDir, null);
        MmluLoader loader = new MmluLoader(s.string("format", "auto"));
        Map<String, List<MmluItem>> test = loader.load(root, s.string("split", "test"));
        int shots = s.integer("shots", 5, 0);
        Map<String, List<MmluItem>> dev = shots > 0 ? loader.load(root, "dev") : Map.of();
        List<String> subjects = s.strings("subjects");
        List<MmluItem> all = new ArrayList<>();
        for (String subject : subjects.isEmpty() ? List.copyOf(test.keySet()) : subjects) {
            List<MmluItem> items = test.get(subject);
            if (items == null) {
                throw new IllegalArgumentException(
                        "mmlu: setting 'subjects' names '"
                                + subject
                                + "', which "
                                + root
                                + " does not have; subjects: "
                                + test.keySet());
            }
            all.addAll(items);
        }
        List<MmluItem> chosen = sample(s, all);
        MmluPrompt prompt = new MmluPrompt(s.string("header", null), s.string("template", null));
        List<List<MmluItem>> shotLists = new ArrayList<>();
        for (MmluItem item : chosen) {
            List<MmluItem> exemplars = dev.getOrDefault(item.subject(), List.of());
            if (exemplars.size() < shots) {
                throw new DatasetException(
                        root.resolve("dev")
                                + ": subject '"
                                + item.subject()
                                + "' has "
                                + exemplars.size()
                                + " dev questions; shots = "
                                + shots);
            }
            shotLists.add(List.copyOf(exemplars.subList(0, shots)));
        }
        ChoiceRanking.Mode mode =
                s.string("scoring", "shared").equals("plain")
                        ? ChoiceRanking.Mode.PLAIN
                        : ChoiceRanking.Mode.SHARED;
        return new MmluBenchmark(chosen, shotLists, prompt, mode, s.integer("batch_size", 4, 1));
    }
}
