package dev.editgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Monte Carlo bootstrap against the exact bootstrap distributions the script computed (its
 * limit as the replicates grow) and against scipy.stats.bootstrap for perplexity.
 */
class BootstrapTest {
    private static final Bootstrap BIG = new Bootstrap(20_000, 11);

    @Test
    void meanOfRightWrongItemsFollowsTheBinomial() {
        for (JsonNode c : Reference.JSON.at("/bootstrap_exact/binary_mean")) {
            int n = c.get("n").asInt();
            int k = c.get("correct").asInt();
            double[] draws = BIG.resample(Sample.mean(binary(n, k))).values(0);
            Arrays.sort(draws);
            for (JsonNode q : c.get("quantiles")) {
                assertThat(Replicates.quantile(draws, q.get(0).asDouble()))
                        .as("n=%d k=%d q=%s", n, k, q.get(0).asDouble())
                        .isCloseTo(q.get(1).asDouble(), within(1.0 / n + 1e-12));
            }
        }
    }

    @Test
    void pairedDifferenceOfRightWrongItemsFollowsTheTrinomial() {
        for (JsonNode c : Reference.JSON.at("/bootstrap_exact/paired_binary")) {
            int n = c.get("n").asInt();
            int worse = c.get("worse").asInt();
            int better = c.get("better").asInt();
            double maxDrop = c.get("max_drop").asDouble();
            double[] before = new double[n];
            double[] after = new double[n];
            for (int i = 0; i < n; i++) {
                before[i] = i < worse || i >= worse + better + n / 3 ? 1 : 0;
                after[i] = i < worse ? 0 : i < worse + better ? 1 : before[i];
            }
            Replicates r = BIG.resample(Sample.mean(before), Sample.mean(after));
            double[] margins = r.combine((b, e) -> (b - e) - maxDrop);
            assertThat(Replicates.pValue(margins))
                    .as("n=%d worse=%d better=%d", n, worse, better)
                    .isCloseTo(c.get("p_not_beyond").asDouble(), within(0.012));
        }
    }

    @Test
    void macroMeanIsResampledWithinGroups() {
        for (JsonNode c : Reference.JSON.at("/bootstrap_exact/macro_mean")) {
            JsonNode sizes = c.get("sizes");
            JsonNode correct = c.get("correct");
            int total = 0;
            for (JsonNode s : sizes) {
                total += s.asInt();
            }
            double[] scores = new double[total];
            String[] groups = new String[total];
            int i = 0;
            for (int g = 0; g < sizes.size(); g++) {
                for (int j = 0; j < sizes.get(g).asInt(); j++, i++) {
                    scores[i] = j < correct.get(g).asInt() ? 1 : 0;
                    groups[i] = "subject-" + g;
                }
            }
            double t = c.get("t").asDouble();
            double[] draws = BIG.resample(Sample.macroMean(scores, groups)).values(0);
            double atMost = Arrays.stream(draws).filter(v -> v <= t + 1e-12).count();
            assertThat(atMost / draws.length)
                    .isCloseTo(c.get("p_at_most").asDouble(), within(0.012));
        }
    }

    @Test
    void perplexityIntervalsMatchScipy() {
        JsonNode c = Reference.JSON.get("bootstrap_perplexity");
        double[] tokens = Reference.doubles(c.get("tokens"));
        Sample before = Sample.perplexity(Reference.doubles(c.get("nll_baseline")), tokens);
        Sample after = Sample.perplexity(Reference.doubles(c.get("nll_edited")), tokens);
        assertThat(after.value()).isCloseTo(c.get("perplexity_edited").asDouble(), within(1e-9));
        Replicates r = BIG.resample(before, after);
        Interval edited = r.interval(1, 0.95);
        double[] scipy = Reference.doubles(c.get("ci_edited"));
        double width = scipy[1] - scipy[0];
        assertThat(edited.lower()).isCloseTo(scipy[0], within(0.05 * width));
        assertThat(edited.upper()).isCloseTo(scipy[1], within(0.05 * width));
        Interval ratio = Replicates.percentile(r.combine((b, e) -> e / b), 0.95);
        double[] scipyRatio = Reference.doubles(c.get("ci_ratio"));
        double ratioWidth = scipyRatio[1] - scipyRatio[0];
        assertThat(ratio.lower()).isCloseTo(scipyRatio[0], within(0.05 * ratioWidth));
        assertThat(ratio.upper()).isCloseTo(scipyRatio[1], within(0.05 * ratioWidth));
    }

    @Test
    void theSameSeedGivesTheSameReplicates() {
        Sample s = Sample.mean(binary(30, 12));
        double[] a = new Bootstrap(500, 3).resample(s).values(0);
        double[] b = new Bootstrap(500, 3).resample(s).values(0);
        double[] other = new Bootstrap(500, 4).resample(s).values(0);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(other);
    }

    @Test
    void samplesThatDoNotPairAreRefused() {
        assertThatThrownBy(
                        () -> BIG.resample(Sample.mean(binary(10, 3)), Sample.mean(binary(11, 3))))
                .hasMessageContaining("mean of 10 items and mean of 11 items");
        assertThatThrownBy(() -> new Bootstrap(10, 1)).hasMessageContaining("at least 100");
    }

    @Test
    void pValueCountsReplicatesOnTheBoundAsNotBeyond() {
        assertThat(Replicates.pValue(new double[] {1, 1, 1, 0})).isEqualTo(2 / 5.0);
        assertThat(Replicates.pValue(new double[] {1, 1, 1, 1})).isEqualTo(1 / 5.0);
    }

    private static double[] binary(int n, int correct) {
        double[] s = new double[n];
        for (int i = 0; i < correct; i++) {
            s[i] = 1;
        }
        return s;
    }
}
