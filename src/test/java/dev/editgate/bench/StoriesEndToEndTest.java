package dev.editgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.testing.Shared;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every benchmark, found through the ServiceLoader, run on the real stories260k model: scores are
 * near chance, but prompts, generation, extraction and scoring are the production path.
 */
class StoriesEndToEndTest {
    private static LanguageModel model;
    private static Map<String, BenchmarkProvider> providers;

    @BeforeAll
    static void load() {
        model = Stories260k.load();
        providers =
                StreamSupport.stream(
                                ServiceLoader.load(BenchmarkProvider.class).spliterator(), false)
                        .collect(Collectors.toMap(BenchmarkProvider::name, p -> p));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void allNineBenchmarksAreRegistered() {
        assertThat(providers.keySet())
                .contains(
                        "mmlu",
                        "commonsenseqa",
                        "bbh",
                        "math",
                        "tydiqa",
                        "c3",
                        "mbpp",
                        "axb",
                        "perplexity");
    }

    static Map<String, Object> settings(String name) throws URISyntaxException {
        Map<String, Object> s = new HashMap<>(Map.of("limit", 2, "seed", 3, "max_new_tokens", 12));
        switch (name) {
            case "commonsenseqa" ->
                    s.put(
                            "dataset",
                            Shared.require("data/commonsenseqa/dev_rand_split.jsonl").toString());
            case "bbh" ->
                    s.putAll(
                            Map.of(
                                    "dataset",
                                    Shared.require("data/bbh").toString(),
                                    "tasks",
                                    List.of("sports_understanding", "snarks")));
            case "math" -> s.put("dataset", Shared.require("data/math500/test.jsonl").toString());
            case "tydiqa" ->
                    s.put(
                            "dataset",
                            Path.of(
                                            StoriesEndToEndTest.class
                                                    .getResource(
                                                            "/dev/editgate/bench/tydiqa/goldp-sample.json")
                                                    .toURI())
                                    .toString());
            case "c3" -> s.put("dataset", Shared.require("data/c3").toString());
            case "mbpp" ->
                    s.putAll(
                            Map.of(
                                    "dataset",
                                    Shared.require("data/mbpp/mbpp.jsonl").toString(),
                                    "timeout",
                                    3));
            case "axb" ->
                    s.put("dataset", Shared.require("data/superglue_axb/AX-b.jsonl").toString());
            default -> throw new IllegalArgumentException(name);
        }
        return s;
    }

    @ParameterizedTest(name = "{0} on stories260k")
    @ValueSource(strings = {"commonsenseqa", "bbh", "math", "tydiqa", "c3", "mbpp", "axb"})
    void generativeBenchmarkScoresRealOutputs(String name) throws URISyntaxException {
        GenerativeBenchmark bench =
                (GenerativeBenchmark) providers.get(name).create(settings(name), Path.of("."));
        List<String> outputs = bench.generate(model);
        assertThat(outputs).hasSize(2);
        assertThat(outputs)
                .anySatisfy(o -> assertThat(o).isNotEmpty()); // the model really wrote something
        Score score = bench.scoreOutputs(outputs);
        assertThat(score.items()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ItemRecord r = score.items().get(i);
            GenItem item = bench.items().get(i);
            assertThat(r.id()).isEqualTo(item.id());
            assertThat(r.prompt()).isEqualTo(item.prompt());
            assertThat(r.reference()).isEqualTo(item.reference());
            assertThat(r.score()).isBetween(0.0, 1.0);
        }
        double mean = score.items().stream().mapToDouble(ItemRecord::score).average().orElseThrow();
        assertThat(score.value()).isBetween(0.0, 1.0).isCloseTo(mean, within(1e-12));
        // evaluate() is generate + scoreOutputs, deterministic under greedy decoding
        assertThat(bench.evaluate(model, EvalContext.none())).isEqualTo(score);
    }

    @Test
    void letterExtractionIsAppliedToTheRealOutputs() throws URISyntaxException {
        GenerativeBenchmark axb =
                (GenerativeBenchmark) providers.get("axb").create(settings("axb"), Path.of("."));
        List<String> outputs = axb.generate(model);
        // short prompts fit the window, so the benchmark's generation is the model's own
        assertThat(outputs)
                .isEqualTo(
                        model.generate(
                                axb.items().stream().map(GenItem::prompt).toList(),
                                GenerationConfig.greedy(12)));
        Score score = axb.scoreOutputs(outputs);
        for (int i = 0; i < outputs.size(); i++) {
            assertThat(score.items().get(i).prediction())
                    .isEqualTo(axb.extract(outputs.get(i)))
                    .isIn("A", "B", "");
            assertThat(score.items().get(i).correct())
                    .isEqualTo(
                            score.items()
                                    .get(i)
                                    .prediction()
                                    .equals(score.items().get(i).reference()));
        }
    }

    @Test
    void perplexityOfInDomainStoriesIsLowAndAggregatesDocuments() {
        Path text = Shared.require("data/tinystories_valid/valid-sample.txt");
        Benchmark b =
                providers
                        .get("perplexity")
                        .create(
                                Map.of(
                                        "dataset",
                                        text.toString(),
                                        "limit",
                                        3,
                                        "window",
                                        128,
                                        "stride",
                                        64),
                                Path.of("."));
        Score score = b.evaluate(model, EvalContext.none());
        assertThat(score.metric()).isEqualTo("perplexity");
        assertThat(score.higherIsBetter()).isFalse();
        assertThat(score.items()).hasSize(3);
        double nll = 0;
        long tokens = 0;
        for (String doc : ((dev.editgate.bench.lm.PerplexityBenchmark) b).documents()) {
            LanguageModel.Perplexity p = model.perplexity(doc, 128, 64);
            nll += p.nllSum();
            tokens += p.tokens();
        }
        assertThat(score.value()).isCloseTo(Math.exp(nll / tokens), within(1e-9));
        // each document's record carries its NLL and tokens, so intervals can resample documents
        assertThat(score.aggregation()).isEqualTo(Score.Aggregation.PERPLEXITY);
        assertThat(score.items().stream().mapToDouble(ItemRecord::nll).sum())
                .isCloseTo(nll, within(1e-9));
        assertThat(score.items().stream().mapToLong(ItemRecord::tokens).sum()).isEqualTo(tokens);
        assertThat(score.value())
                .isGreaterThan(1.0)
                .isLessThan(30.0); // uniform over 512 pieces would be 512
    }
}
