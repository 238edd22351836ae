package dev.editgate.bench.mmlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.Stories260k;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.model.ContinuationScore;
import dev.editgate.model.LanguageModel;
import dev.editgate.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MMLU end to end on stories260k: near chance, but every step is the real one. */
class MmluScoringTest {
    private static LanguageModel model;
    private static MmluBenchmark bench;

    @BeforeAll
    static void load() {
        model = Stories260k.load();
        bench =
                (MmluBenchmark)
                        new MmluProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                Shared.require("data/mmlu").toString(),
                                                "limit",
                                                4,
                                                "seed",
                                                11,
                                                "batch_size",
                                                3),
                                        Path.of("."));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void sharedContextGivesTheSameLogLikelihoodsAsPlainScoring() {
        ChoiceRanking ranking = new ChoiceRanking(model, 3);
        List<double[]> shared = ranking.score(bench.questions(), ChoiceRanking.Mode.SHARED);
        List<double[]> plain = ranking.score(bench.questions(), ChoiceRanking.Mode.PLAIN);
        for (int q = 0; q < shared.size(); q++) {
            assertThat(shared.get(q)).hasSize(4);
            for (int o = 0; o < 4; o++) {
                assertThat(shared.get(q)[o]).isNegative().isCloseTo(plain.get(q)[o], within(1e-3));
            }
        }
        // and the same as the model's own string scoring of the (untruncated-to-window) last
        // question part
        ChoiceRanking.Question q0 = bench.questions().get(0);
        String shortContext = q0.context().substring(q0.context().length() - 300);
        List<ContinuationScore> direct =
                model.score(List.of(shortContext, shortContext), List.of(" A", " B"));
        List<double[]> viaRanking =
                ranking.score(
                        List.of(new ChoiceRanking.Question(shortContext, List.of(" A", " B"))),
                        ChoiceRanking.Mode.SHARED);
        assertThat(viaRanking.get(0)[0]).isCloseTo(direct.get(0).sum(), within(1e-3));
        assertThat(viaRanking.get(0)[1]).isCloseTo(direct.get(1).sum(), within(1e-3));
    }

    /**
     * Questions sharing their exemplars continue one cached prefix per exemplar set, across
     * batches, and score what whole contexts and one row per option score.
     */
    @Test
    void questionsSharingExemplarsContinueOneCachedPrefixAcrossBatches() {
        String lily =
                "Once upon a time, there was a little girl named Lily. She loved to play in the"
                        + " park with her red ball. One day she saw a big dog.\nAnswer: A\n\n";
        String tom =
                "Tom had a blue boat. He took it to the pond every day and it went fast.\n"
                        + "Answer: C\n\n";
        List<ChoiceRanking.Question> qs = new java.util.ArrayList<>();
        // one token each after "Answer:" in this vocabulary (" A" is two, " B" one: not sharable)
        List<String> letters = List.of(" B", " I", " S", " T");
        for (String noun : List.of("cat", "dog", "hat", "kite", "pen", "ring", "sun")) {
            qs.add(new ChoiceRanking.Question(lily + "Tom has a " + noun + ".\nAnswer:", letters));
        }
        for (String noun : List.of("fish", "tree")) {
            qs.add(new ChoiceRanking.Question(tom + "Sue saw a " + noun + ".\nAnswer:", letters));
        }
        ChoiceRanking ranking = new ChoiceRanking(model, 2);
        assertThat(qs).allSatisfy(q -> assertThat(ranking.sharedPrefixLength(q)).isZero());
        List<double[]> cached = ranking.score(qs, ChoiceRanking.Mode.SHARED);
        int[] lookups = ranking.lastPrefixLookups();
        List<double[]> whole = ranking.score(qs, ChoiceRanking.Mode.SHARED_UNCACHED);
        List<double[]> plain = ranking.score(qs, ChoiceRanking.Mode.PLAIN);
        for (int q = 0; q < qs.size(); q++) {
            for (int o = 0; o < 4; o++) {
                assertThat(cached.get(q)[o]).isCloseTo(whole.get(q)[o], within(1e-4));
                assertThat(cached.get(q)[o]).isCloseTo(plain.get(q)[o], within(1e-3));
            }
        }
        // batches of two: four of Lily's questions, one of Tom's; each exemplar set computed once
        assertThat(lookups[1]).as("prefixes computed").isEqualTo(2);
        assertThat(lookups[0]).as("batches continuing a cached prefix").isEqualTo(3);
    }

    @Test
    void multiTokenOptionsFallBackToPairScoringInSharedMode() {
        String context = "Once upon a time, there was a little girl named";
        List<String> options = List.of(" Lily", " Timmy and his dog", " Sue");
        ChoiceRanking ranking = new ChoiceRanking(model, 2);
        double[] shared =
                ranking.score(
                                List.of(new ChoiceRanking.Question(context, options)),
                                ChoiceRanking.Mode.SHARED)
                        .get(0);
        List<ContinuationScore> direct = model.score(List.of(context, context, context), options);
        for (int o = 0; o < 3; o++) {
            assertThat(shared[o]).isCloseTo(direct.get(o).sum(), within(1e-4));
        }
        assertThat(direct.get(1).tokens()).isGreaterThan(1);
        assertThat(ranking.sharedPrefixLength(new ChoiceRanking.Question(context, options)))
                .isEqualTo(-1);
        assertThat(ChoiceRanking.argmax(shared))
                .isEqualTo(0); // the model was trained on stories about Lily
    }

    @Test
    void optionsSharingLeadingTokensAreScoredFromOnePass() {
        String context = "Tom asked Lily a question.";
        ChoiceRanking ranking = new ChoiceRanking(model, 2);
        List<List<String>> candidates =
                List.of(
                        List.of(" She said!", " She said?", " She said."),
                        List.of(" the!", " the?", " the."),
                        List.of(" He was sad.", " He was sad!", " He was sad?"),
                        List.of(" Answer: A", " Answer: B", " Answer: C"));
        List<String> options =
                candidates.stream()
                        .filter(
                                c ->
                                        ranking.sharedPrefixLength(
                                                        new ChoiceRanking.Question(context, c))
                                                > 0)
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no candidate shares leading tokens"));
        ChoiceRanking.Question q = new ChoiceRanking.Question(context, options);
        double[] shared = ranking.score(List.of(q), ChoiceRanking.Mode.SHARED).get(0);
        List<ContinuationScore> direct = model.score(List.of(context, context, context), options);
        for (int o = 0; o < 3; o++) {
            assertThat(shared[o]).isCloseTo(direct.get(o).sum(), within(1e-3));
        }
    }

    @Test
    void evaluateKeepsOneRecordPerQuestionAndAccuracyIsTheirShare() {
        Score score = bench.evaluate(model, EvalContext.none());
        assertThat(score.metric()).isEqualTo("accuracy");
        assertThat(score.items()).hasSize(4);
        assertThat(score.items())
                .allSatisfy(
                        r -> {
                            assertThat(r.prediction()).isIn("A", "B", "C", "D");
                            assertThat(r.reference()).isIn("A", "B", "C", "D");
                            assertThat(r.correct()).isEqualTo(r.prediction().equals(r.reference()));
                            assertThat(r.prompt()).endsWith("\nAnswer:");
                        });
        long correct = score.items().stream().filter(ItemRecord::correct).count();
        assertThat(score.value()).isBetween(0.0, 1.0).isEqualTo(correct / 4.0);
        Score plain = bench.evaluate(model, ChoiceRanking.Mode.PLAIN);
        assertThat(plain.items())
                .extracting(ItemRecord::prediction)
                .isEqualTo(score.items().stream().map(ItemRecord::prediction).toList());
    }
}
