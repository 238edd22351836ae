package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.editgate.bench.ItemRecord;
import dev.editgate.stats.Bootstrap;
import dev.editgate.stats.Interval;
import dev.editgate.stats.Replicates;
import dev.editgate.stats.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Two scenarios' items of one measurement, paired by id: {@code report --compare}'s rows. */
class ScenarioPairTest {
    private static final Bootstrap BOOT = new Bootstrap(2000, 7);

    static ResultRecord record(
            String scenario,
            int edits,
            String capability,
            String metric,
            double value,
            Double micro) {
        return new ResultRecord(
                "r1",
                "s",
                scenario,
                scenario,
                "h",
                "m",
                edits,
                capability,
                capability,
                metric,
                value,
                null,
                !"perplexity".equals(metric),
                Map.of(),
                "pass",
                null,
                1.0,
                "2026-12-03T00:00:00Z",
                null,
                micro,
                null);
    }

    /** Right/wrong items: '1' right, '0' wrong, ids q0, q1, ... */
    static List<ItemRecord> answers(String rightWrong) {
        List<ItemRecord> out = new ArrayList<>();
        for (int i = 0; i < rightWrong.length(); i++) {
            boolean ok = rightWrong.charAt(i) == '1';
            out.add(new ItemRecord("q" + i, "Q" + i, ok ? "A" : "B", "A", ok, ok ? 1 : 0));
        }
        return out;
    }

    static double mean(List<ItemRecord> items) {
        return items.stream().mapToDouble(ItemRecord::score).average().orElseThrow();
    }

    @Test
    void twoSidedMcNemarIsTwiceTheSmallerExactBinomialTail() {
        // 6 vs 1 flips: 2 · P(X ≥ 6), X ~ Bin(7, ½) = 2 · (7 + 1)/128
        assertThat(ScenarioPair.mcNemarTwoSided(6, 1, 20)).isCloseTo(16.0 / 128, within(1e-12));
        assertThat(ScenarioPair.mcNemarTwoSided(1, 6, 20)).isCloseTo(16.0 / 128, within(1e-12));
        // 8 vs 1: 2 · (9 + 1)/512
        assertThat(ScenarioPair.mcNemarTwoSided(8, 1, 30)).isCloseTo(20.0 / 512, within(1e-12));
        assertThat(ScenarioPair.mcNemarTwoSided(3, 3, 10)).isEqualTo(1);
        assertThat(ScenarioPair.mcNemarTwoSided(0, 0, 10)).isEqualTo(1);
    }

    @Test
    void rightWrongItemsAreComparedByExactMcNemarOnTheFlips() {
        List<ItemRecord> a = answers("11111111111110000000"); // 13 right
        // 8 right in A only (q0–q7), 1 right in B only (q13), 5 right in both (q8–q12)
        List<ItemRecord> b = answers("00000000111111000000");
        Collections.reverse(b); // pairing is by id, not by line
        ScenarioPair p =
                ScenarioPair.of(
                        record("alpha", 10, "mmlu", "accuracy", 0.65, null),
                        a,
                        record("memit", 10, "mmlu", "accuracy", 0.3, null),
                        b,
                        0.95,
                        BOOT);
        assertThat(p.notes()).isEmpty();
        assertThat(p.items()).isEqualTo(20);
        assertThat(p.aRightBWrong()).isEqualTo(8);
        assertThat(p.aWrongBRight()).isEqualTo(1);
        assertThat(p.test()).isEqualTo("exact McNemar");
        assertThat(p.p()).isCloseTo(20.0 / 512, within(1e-12));
        assertThat(p.difference()).isCloseTo(0.35, within(1e-12));
        assertThat(p.differenceCi().get(0)).isLessThan(0.35).isGreaterThan(0);
        assertThat(p.differenceCi().get(1)).isGreaterThan(0.35);
        assertThat(p.better("alpha", "memit")).isEqualTo("alpha");
        ScenarioPair again =
                ScenarioPair.of(
                        record("alpha", 10, "mmlu", "accuracy", 0.65, null),
                        a,
                        record("memit", 10, "mmlu", "accuracy", 0.3, null),
                        b,
                        0.95,
                        BOOT);
        assertThat(again.differenceCi()).isEqualTo(p.differenceCi()); // deterministic for a seed
        ScenarioPair reseeded =
                ScenarioPair.of(
                        record("alpha", 10, "mmlu", "accuracy", 0.65, null),
                        a,
                        record("memit", 10, "mmlu", "accuracy", 0.3, null),
                        b,
                        0.95,
                        new Bootstrap(2000, 8));
        assertThat(reseeded.differenceCi()).isNotEqualTo(p.differenceCi());
    }

    @Test
    void perplexityPairsPerDocumentAsARatioOfSums() {
        Random random = new Random(3);
        List<ItemRecord> a = new ArrayList<>();
        List<ItemRecord> b = new ArrayList<>();
        double[] nllA = new double[12];
        double[] nllB = new double[12];
        double[] tokens = new double[12];
        for (int i = 0; i < 12; i++) {
            tokens[i] = 20 + random.nextInt(200);
            nllA[i] = tokens[i] * (2 + random.nextDouble());
            nllB[i] = nllA[i] + tokens[i] * 0.3 * random.nextDouble();
            a.add(doc(i, nllA[i], (long) tokens[i]));
            b.add(doc(i, nllB[i], (long) tokens[i]));
        }
        Sample sa = Sample.perplexity(nllA, tokens);
        Sample sb = Sample.perplexity(nllB, tokens);
        Collections.shuffle(b, random); // B's file in another order: paired by document id
        ScenarioPair p =
                ScenarioPair.of(
                        record("alpha", 20, "wikitext", "perplexity", sa.value(), null),
                        a,
                        record("memit", 20, "wikitext", "perplexity", sb.value(), null),
                        b,
                        0.9,
                        BOOT);
        Interval expected =
                Replicates.percentile(BOOT.resample(sa, sb).combine((x, y) -> x - y), 0.9);
        assertThat(p.notes()).isEmpty();
        assertThat(p.test()).isEqualTo("paired bootstrap");
        assertThat(p.aRightBWrong()).isNull();
        assertThat(p.differenceCi()).containsExactly(expected.lower(), expected.upper());
        assertThat(p.differenceCi().get(0)).isLessThanOrEqualTo(p.difference());
        assertThat(p.differenceCi().get(1)).isGreaterThanOrEqualTo(p.difference());
        // B is worse on every document, so no replicate favours it: p is the smallest possible
        assertThat(p.p()).isCloseTo(2.0 / 2001, within(1e-12));
        assertThat(p.better("alpha", "memit")).isEqualTo("alpha"); // lower perplexity
    }

    @Test
    void aMacroMeanIsResampledWithinGroups() {
        List<ItemRecord> a = new ArrayList<>();
        List<ItemRecord> b = new ArrayList<>();
        String ra = "110111010011";
        String rb = "100101010001";
        for (int i = 0; i < ra.length(); i++) {
            String g = i < 3 ? "law" : "math"; // 3 and 9 items: macro ≠ micro
            a.add(answers(ra).get(i).withGroup(g));
            b.add(answers(rb).get(i).withGroup(g));
        }
        double macroA = (2 / 3.0 + 6 / 9.0) / 2;
        double macroB = (1 / 3.0 + 4 / 9.0) / 2;
        ScenarioPair p =
                ScenarioPair.of(
                        record("alpha", 10, "mmlu", "accuracy", macroA, mean(a)),
                        a,
                        record("memit", 10, "mmlu", "accuracy", macroB, mean(b)),
                        b,
                        0.95,
                        BOOT);
        String[] groups = a.stream().map(ItemRecord::group).toArray(String[]::new);
        Interval expected =
                Replicates.percentile(
                        BOOT.resample(
                                        Sample.macroMean(scores(a), groups),
                                        Sample.macroMean(scores(b), groups))
                                .combine((x, y) -> x - y),
                        0.95);
        assertThat(p.notes()).isEmpty();
        assertThat(p.test()).isEqualTo("paired bootstrap"); // a macro mean is not a McNemar case
        assertThat(p.differenceCi()).containsExactly(expected.lower(), expected.upper());
    }

    @Test
    void itemsThatDoNotPairAreSaidNotGuessed() {
        List<ItemRecord> a = answers("1101");
        List<ItemRecord> b = new ArrayList<>(answers("110"));
        b.add(new ItemRecord("x9", "Q", "A", "A", true, 1));
        ScenarioPair p =
                ScenarioPair.of(
                        record("alpha", 10, "locality", "accuracy", 0.75, null),
                        a,
                        record("memit", 10, "locality", "accuracy", 0.75, null),
                        b,
                        0.95,
                        BOOT);
        assertThat(p.paired()).isFalse();
        assertThat(p.differenceCi()).isNull();
        assertThat(p.better("alpha", "memit")).isEqualTo("not paired");
        assertThat(p.notes())
                .containsExactly(
                        "the items do not pair: 1 of alpha's 4 are not in the other (q3), 1 of"
                                + " memit's 4 are not in the other (x9): not paired");
        ScenarioPair missing =
                ScenarioPair.of(
                        record("alpha", 10, "locality", "accuracy", 0.75, null),
                        a,
                        record("memit", 10, "locality", "accuracy", 0.75, null),
                        null,
                        0.95,
                        BOOT);
        assertThat(missing.notes())
                .containsExactly("no item records of memit at 10 edits: not paired");
        ScenarioPair wrongValue =
                ScenarioPair.of(
                        record("alpha", 10, "locality", "accuracy", 0.5, null),
                        a,
                        record("memit", 10, "locality", "accuracy", 0.75, null),
                        answers("1101"),
                        0.95,
                        BOOT);
        assertThat(wrongValue.paired()).isFalse();
        assertThat(wrongValue.notes()).singleElement().asString().startsWith("alpha's value 0.5");
    }

    private static ItemRecord doc(int i, double nll, long tokens) {
        return new ItemRecord("doc" + i, "text", "", "", true, Math.exp(nll / tokens))
                .withLogLikelihood(nll, tokens);
    }

    private static double[] scores(List<ItemRecord> items) {
        return items.stream().mapToDouble(ItemRecord::score).toArray();
    }
}
