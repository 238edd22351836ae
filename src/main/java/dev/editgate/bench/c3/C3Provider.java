package dev.editgate.bench.c3;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.LetterAnswerBenchmark;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.ProviderSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code c3}: 0-shot GEN (OpenCompass {@code CLUE_C3_gen_8c358f}), first capital letter of the
 * output, 100 new tokens (the model default of OpenCompass' model configs). {@code dataset} is a
 * file, or a folder whose {@code c3-*-<split>.json} files are all read ({@code split} defaults to
 * dev: d-dev + m-dev = 3,816 questions, OpenCompass' C3 dev).
 */
public final class C3Provider extends ProviderSupport {
    static final String DEFAULT_TEMPLATE =
            "{content}\n问：{question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\n"
                    + "请从“A”，“B”，“C”，“D”中进行选择。\n答：";

    public C3Provider() {
        super("c3", List.of("split", "max_new_tokens"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        new PromptTemplate(s.string("template", DEFAULT_TEMPLATE))
                .check(List.of("content", "question", "A", "B", "C", "D"), name());
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path path = s.path("dataset", baseDir, null);
        List<C3Loader.C3Item> all = new ArrayList<>();
        for (Path f : files(path, s.string("split", "dev"))) {
            all.addAll(C3Loader.load(f));
        }
        PromptTemplate template = new PromptTemplate(s.string("template", DEFAULT_TEMPLATE));
        List<GenItem> items = new ArrayList<>();
        for (C3Loader.C3Item it : sample(s, all)) {
            items.add(
                    new GenItem(
                            it.id(),
                            template.render(
                                    Map.of(
                                            "content",
                                            it.content(),
                                            "question",
                                            it.question(),
                                            "A",
                                            it.choices().get(0),
                                            "B",
                                            it.choices().get(1),
                                            "C",
                                            it.choices().get(2),
                                            "D",
                                            it.choices().get(3))),
                            it.label()));
        }
        return new LetterAnswerBenchmark(
                name(),
                items,
                null,
                s.integer("max_new_tokens", LetterAnswerBenchmark.DEFAULT_MAX_NEW_TOKENS, 1),
                s.integer("batch_size", 8, 1));
    }

    static List<Path> files(Path path, String split) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            List<Path> found =
                    s.filter(p -> p.getFileName().toString().matches("c3-.*-" + split + "\\.json"))
                            .sorted()
                            .toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(
                        "c3: " + path + " has no c3-*-" + split + ".json files");
            }
            return found;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "c3: cannot list " + path + ": " + e.getMessage(), e);
        }
    }
}
