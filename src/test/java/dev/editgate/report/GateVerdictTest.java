package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.scenario.Thresholds;
import dev.editgate.stats.Bootstrap;
import dev.editgate.stats.McNemar;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateVerdictTest {
    private static final Bootstrap BOOT = new Bootstrap(4000, 1);
    private static final Thresholds DROP_95 =
            new Thresholds(null, null, null, null, 0.05, 0.95, null);

    /** n items, a quarter wrong at baseline; {@code lost} of the right ones turn wrong. */
    static List<ItemRecord> accuracyItems(int n, int lost) {
        List<ItemRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean right = i % 4 != 3;
            if (right && lost > 0 && i % 4 == 0) {
                right = false;
                lost--;
            }
            out.add(new ItemRecord("q" + i, "prompt " + i, "A", "B", right, right ? 1 : 0));
        }
        return out;
    }

    private static Score score(List<ItemRecord> items) {
        double v = items.stream().mapToDouble(ItemRecord::score).average().orElse(Double.NaN);
        return new Score("accuracy", v, true, items);
    }

    @Test
    void theSameDropFailsOnFourHundredItemsAndIsNoiseOnTwenty() {
        // 0.75 -> 0.55 on both: losses only
        for (int n : new int[] {20, 400}) {
            Score base = score(accuracyItems(n, 0));
            Score edited = score(accuracyItems(n, n / 5));
            assertThat(base.value()).isEqualTo(0.75);
            assertThat(edited.value()).isCloseTo(0.55, within(1e-12));
            GateVerdict.Outcome o =
                    GateVerdict.judge(DROP_95, edited, base.value(), base.items(), BOOT);
            double p = o.statistics().pValues().get("max_drop");
            assertThat(p).isEqualTo(McNemar.pValue(n / 5, 0, n, 0.05));
            assertThat(o.statistics().tests()).containsEntry("max_drop", "exact McNemar");
            assertThat(o.statistics().flips())
                    .containsEntry("right_to_wrong", n / 5)
                    .containsEntry("wrong_to_right", 0);
            if (n == 20) {
                assertThat(o.passed()).isTrue();
                assertThat(o.statistics().notes())
                        .singleElement()
                        .asString()
                        .startsWith("within noise at 95%: drop 0.2 from baseline 0.75 to 0.55")
                        .contains("p = 0.15 ≥ 0.05");
            } else {
                assertThat(o.passed()).isFalse();
                assertThat(o.failures())
                        .singleElement()
                        .asString()
                        .matches(
                                "drop 0\\.2 from baseline 0\\.75 to 0\\.55 > max_drop 0\\.05"
                                        + " \\(95% CI 0\\.5[0-9]*–0\\.6[0-9]*; baseline CI"
                                        + " 0\\.7[0-9]*–0\\.79[0-9]*; p = 4\\.7e-17 < 0\\.05,"
                                        + " exact McNemar: 80 right→wrong, 0 wrong→right of 400"
                                        + " items\\)");
            }
        }
    }

    @Test
    void withoutConfidenceThePointValueDecidesAndTheStatisticsAreRecorded() {
        Score base = score(accuracyItems(20, 0));
        Score edited = score(accuracyItems(20, 4));
        Thresholds point = new Thresholds(null, null, null, null, 0.05);
        GateVerdict.Outcome o = GateVerdict.judge(point, edited, 0.75, base.items(), BOOT);
        assertThat(o.passed()).isFalse();
        assertThat(o.failures().get(0)).contains("p = 0.15, exact McNemar").doesNotContain("≥");
        VerdictStatistics s = o.statistics();
        assertThat(s.level()).isEqualTo(0.95);
        assertThat(s.confidence()).isNull();
        assertThat(s.ci().get(0)).isLessThan(0.55);
        assertThat(s.ci().get(1)).isGreaterThan(0.55);
        assertThat(s.changeCi().get(0)).isLessThan(-0.2);
        assertThat(s.bootstrap()).containsEntry("replicates", 4000L).containsEntry("seed", 1L);
    }

    @Test
    void perplexityRatioIsTestedByThePairedBootstrapOverDocuments() {
        List<ItemRecord> before = new ArrayList<>();
        List<ItemRecord> slightly = new ArrayList<>();
        List<ItemRecord> clearly = new ArrayList<>();
        double[] rates = {3.1, 2.7, 3.6, 3.0, 2.9, 3.3, 3.4, 2.8};
        for (int i = 0; i < rates.length; i++) {
            long tokens = 100 + 20L * i;
            before.add(doc(i, rates[i] * tokens, tokens));
            // +0.12 nats per token on average, unevenly: exp(0.12) = 1.13 > 1.10
            slightly.add(doc(i, (rates[i] + (i % 2 == 0 ? 0.3 : -0.06)) * tokens, tokens));
            clearly.add(doc(i, (rates[i] + 0.3) * tokens, tokens));
        }
        Score base = perplexity(before);
        Thresholds ratio = new Thresholds(null, null, null, 1.10, null, 0.95, null);
        GateVerdict.Outcome noise =
                GateVerdict.judge(ratio, perplexity(slightly), base.value(), before, BOOT);
        assertThat(perplexity(slightly).value() / base.value()).isGreaterThan(1.10);
        assertThat(noise.passed()).isTrue();
        assertThat(noise.statistics().tests())
                .containsEntry("max_ratio_to_baseline", "paired bootstrap");
        assertThat(noise.statistics().notes().get(0))
                .startsWith("within noise")
                .contains("paired bootstrap over 8 documents");
        GateVerdict.Outcome damage =
                GateVerdict.judge(ratio, perplexity(clearly), base.value(), before, BOOT);
        assertThat(damage.passed()).isFalse();
        assertThat(damage.statistics().pValues().get("max_ratio_to_baseline"))
                .isEqualTo(1 / 4001.0);
    }

    @Test
    void aRatioOnRightWrongItemsIsMcNemarWithTheMarginAtTheBaseline() {
        // 0.75 -> 0.55 on 400 items; min_ratio 0.9 allows (1 - 0.9) x 0.75 = 0.075 of damage
        Score base = score(accuracyItems(400, 0));
        Score edited = score(accuracyItems(400, 80));
        Thresholds ratio = new Thresholds(null, null, 0.9, null, null, 0.95, null);
        GateVerdict.Outcome o = GateVerdict.judge(ratio, edited, 0.75, base.items(), BOOT);
        assertThat(o.passed()).isFalse();
        assertThat(o.statistics().pValues().get("min_ratio_to_baseline"))
                .isCloseTo(McNemar.pValue(80, 0, 400, 0.075), within(1e-15));
        assertThat(o.failures().get(0)).startsWith("0.55 < 0.9 × baseline 0.75 (95% CI");
        // an upper bound on accuracy breaks upwards: wrong→right flips count against it
        Thresholds max = new Thresholds(null, null, null, 0.7, null, 0.95, null);
        GateVerdict.Outcome up = GateVerdict.judge(max, base, 0.55, edited.items(), BOOT);
        assertThat(up.statistics().pValues().get("max_ratio_to_baseline"))
                .isCloseTo(McNemar.pValue(80, 0, 400, (0.7 - 1) * 0.55), within(1e-15));
    }

    @Test
    void anAbsoluteMaximumIsTestedOnTheValueAndNamesTheBaseline() {
        Score base = score(accuracyItems(40, 0));
        Score edited = score(accuracyItems(40, 1));
        Thresholds max = new Thresholds(null, 0.7, null, null, null, 0.95, null);
        GateVerdict.Outcome o = GateVerdict.judge(max, edited, 0.75, base.items(), BOOT);
        // 0.725 > 0.7 on 40 items: within noise, and the note says the baseline
        assertThat(o.passed()).isTrue();
        assertThat(o.statistics().notes().get(0))
                .startsWith("within noise at 95%: 0.725 > max 0.7 (95% CI")
                .contains("baseline 0.75", "bootstrap over 40 items");
    }

    @Test
    void aBaselineWithoutItemsDegradesToThePointVerdictWithANote() {
        Score edited = score(accuracyItems(20, 4));
        GateVerdict.Outcome o = GateVerdict.judge(DROP_95, edited, 0.75, null, BOOT);
        assertThat(o.passed()).isFalse();
        assertThat(o.statistics().ci()).isNotNull();
        assertThat(o.statistics().baselineCi()).isNull();
        assertThat(o.statistics().pValues()).isEmpty();
        assertThat(o.statistics().notes())
                .anySatisfy(n -> assertThat(n).startsWith("the baseline has no item records"))
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .isEqualTo(
                                                "max_drop: no p-value, so the point value decides"));
    }

    @Test
    void absoluteBoundsUseTheIntervalOfTheValueAlone() {
        // reliability 17/20 = 0.85 < min 0.9: within noise at 95%
        List<ItemRecord> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(new ItemRecord("edit-" + i, "p", "x", "y", i >= 3, i >= 3 ? 1 : 0));
        }
        Thresholds min = new Thresholds(0.9, null, null, null, null, 0.95, null);
        GateVerdict.Outcome o = GateVerdict.judge(min, score(items), null, null, BOOT);
        assertThat(o.passed()).isTrue();
        assertThat(o.statistics().tests()).containsEntry("min", "bootstrap");
        assertThat(o.statistics().pValues().get("min")).isBetween(0.1, 0.5);
        assertThat(o.statistics().warnings()).isEmpty(); // no baseline: nothing to size against
    }

    @Test
    void minItemsWarnsAndNamesTheSizeNeeded() {
        Score base = score(accuracyItems(40, 0));
        Thresholds drop = new Thresholds(null, null, null, null, 0.10);
        GateVerdict.Outcome o = GateVerdict.judge(drop, base, 0.75, base.items(), BOOT);
        // nothing flipped: the best case, every flip a loss; the reference size is 79
        assertThat(o.statistics().minItems()).isEqualTo(79);
        assertThat(o.statistics().warnings())
                .singleElement()
                .asString()
                .startsWith(
                        "too few items: max_drop 0.1 needs 79 items to detect a true change of 0.1")
                .contains("every flipped item a loss", "40 scored, power 0.");
        Thresholds off =
                new Thresholds(null, null, null, null, 0.10, null, Thresholds.MIN_ITEMS_OFF);
        assertThat(GateVerdict.judge(off, base, 0.75, base.items(), BOOT).statistics().warnings())
                .isEmpty();
        Thresholds fixed = new Thresholds(null, null, null, null, 0.10, null, 50);
        assertThat(GateVerdict.judge(fixed, base, 0.75, base.items(), BOOT).statistics().warnings())
                .containsExactly("min_items 50 asked, 40 items scored");
        Score big = score(accuracyItems(100, 0));
        assertThat(GateVerdict.judge(drop, big, 0.75, big.items(), BOOT).statistics().warnings())
                .isEmpty();
    }

    @Test
    void aMacroMeanIsResampledWithinItsGroups() {
        List<ItemRecord> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean right = i < 10 ? i < 8 : i % 3 == 0;
            items.add(
                    new ItemRecord("q" + i, "p", "A", "B", right, right ? 1 : 0)
                            .withGroup(i < 10 ? "geography" : "marketing"));
        }
        double macro = (0.8 + 6 / 20.0) / 2;
        Score s = new Score("accuracy", macro, true, items, Score.Aggregation.MACRO_MEAN);
        GateVerdict.Outcome o = GateVerdict.judge(Thresholds.none(), s, null, null, BOOT);
        assertThat(o.statistics().ci()).isNotNull();
        assertThat(o.statistics().notes()).isEmpty();
        // declared a plain mean, but its value is the macro mean: read as one
        Score declaredMean = new Score("accuracy", macro, true, items);
        assertThat(
                        GateVerdict.judge(Thresholds.none(), declaredMean, null, null, BOOT)
                                .statistics()
                                .ci())
                .isEqualTo(o.statistics().ci());
        List<ItemRecord> lonely = new ArrayList<>(items);
        lonely.add(new ItemRecord("q30", "p", "A", "A", true, 1).withGroup("sociology"));
        Score withSingle =
                new Score(
                        "accuracy",
                        (0.8 + 6 / 20.0 + 1) / 3,
                        true,
                        lonely,
                        Score.Aggregation.MACRO_MEAN);
        assertThat(
                        GateVerdict.judge(Thresholds.none(), withSingle, null, null, BOOT)
                                .statistics()
                                .notes())
                .singleElement()
                .asString()
                .contains("understates the noise");
        Score wrong = new Score("accuracy", 0.9, true, items);
        assertThat(
                        GateVerdict.judge(Thresholds.none(), wrong, null, null, BOOT)
                                .statistics()
                                .notes())
                .singleElement()
                .asString()
                .startsWith("value 0.9 is not the mean of 30 items");
    }

    @Test
    void oneItemHasNoIntervalAndKeepsThePlainMessage() {
        Score one =
                new Score("norm", 3.0, true, List.of(new ItemRecord("w", "w", "3", "", true, 3)));
        Thresholds half = new Thresholds(null, null, 0.5, null, null, 0.95, null);
        GateVerdict.Outcome o = GateVerdict.judge(half, one, 10.0, one.items(), BOOT);
        assertThat(o.failures()).containsExactly("3 < 0.5 × baseline 10");
        assertThat(o.statistics().ci()).isNull();
        assertThat(o.statistics().notes()).contains("1 item(s): no interval");
    }

    private static ItemRecord doc(int i, double nll, long tokens) {
        return new ItemRecord("doc" + i, "text", "", "", true, Math.exp(nll / tokens))
                .withLogLikelihood(nll, tokens);
    }

    private static Score perplexity(List<ItemRecord> docs) {
        double nll = docs.stream().mapToDouble(ItemRecord::nll).sum();
        long tokens = docs.stream().mapToLong(ItemRecord::tokens).sum();
        return new Score(
                "perplexity", Math.exp(nll / tokens), false, docs, Score.Aggregation.PERPLEXITY);
    }
}
