package dev.editgate.bench.icl;

import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.ItemSampler;
import dev.editgate.bench.protocol.PromptTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sst2} and {@code label-flow} share: the prompt, the demonstrations and the items.
 * Demonstrations are the first {@code shots} records of each label (default 1: one positive, one
 * negative, as Wang et al.'s {@code demonstration_shot = 1}), in file order, from {@code exemplars}
 * (e.g. the train split; then every {@code dataset} record is scored) or else from {@code dataset},
 * whose demonstration records are then not scored. Wang et al. draw fresh demonstrations per query
 * from the train split; a fixed set keeps scores comparable along an edit stream, and {@code
 * ../shared} has SST-2's dev split only.
 */
record IclSetup(IclPrompt prompt, List<Sst2Item> demonstrations, List<Sst2Item> items) {
    /**
     * The label words of label 0 and 1; each follows the template's text after one space, as Wang
     * et al.'s {@code " Negative"}, {@code " Positive"} (they capitalise; this default is
     * lower-case).
     */
    static final List<String> DEFAULT_LABEL_WORDS = List.of("negative", "positive");

    static final List<String> KEYS = List.of("exemplars", "label_words");

    /** Checks the template and label words without reading data. */
    static void validate(BenchSettings s) {
        new PromptTemplate(s.string("template", IclPrompt.DEFAULT_TEMPLATE))
                .check(IclPrompt.FIELDS, s.benchmark());
        prompt(s);
    }

    static IclSetup create(BenchSettings s, Path baseDir) {
        IclPrompt prompt = prompt(s);
        List<Sst2Item> all = Sst2Loader.load(s.path("dataset", baseDir, null));
        int shots = s.integer("shots", 1, 0);
        List<Sst2Item> source =
                s.has("exemplars") ? Sst2Loader.load(s.path("exemplars", baseDir, null)) : all;
        List<Sst2Item> demos = new ArrayList<>();
        for (int label = 0; label < 2; label++) {
            int found = 0;
            for (Sst2Item item : source) {
                if (item.label() == label && found < shots) {
                    demos.add(item);
                    found++;
                }
            }
            if (found < shots) {
                throw new DatasetException(
                        s.benchmark()
                                + ": "
                                + found
                                + " records of label "
                                + label
                                + " for shots = "
                                + shots
                                + " demonstrations per label");
            }
        }
        demos.sort((a, b) -> Integer.compare(source.indexOf(a), source.indexOf(b)));
        List<Sst2Item> pool = new ArrayList<>(all);
        if (!s.has("exemplars")) {
            pool.removeAll(demos);
        }
        List<Sst2Item> items =
                ItemSampler.sample(
                        pool, s.integer("limit", 0, 0), s.longValue("seed", 0, Long.MIN_VALUE));
        return new IclSetup(prompt, List.copyOf(demos), items);
    }

    private static IclPrompt prompt(BenchSettings s) {
        List<String> words = s.strings("label_words");
        if (s.has("label_words")
                && (words.size() != 2 || words.stream().anyMatch(String::isEmpty))) {
            throw new IllegalArgumentException(
                    s.benchmark()
                            + ": setting 'label_words' = "
                            + words
                            + " is not accepted; expected two words, for label 0 (negative) and 1"
                            + " (positive), e.g. [negative, positive]");
        }
        String template = s.string("template", IclPrompt.DEFAULT_TEMPLATE);
        if (!template.endsWith("{label}")) {
            throw new IllegalArgumentException(
                    s.benchmark()
                            + ": setting 'template' must end with {label} (the label word follows"
                            + " it); got '"
                            + template
                            + "'");
        }
        List<String> chosen = words.isEmpty() ? DEFAULT_LABEL_WORDS : words;
        return new IclPrompt(
                new PromptTemplate(template), chosen.stream().map(w -> " " + w).toList());
    }
}
