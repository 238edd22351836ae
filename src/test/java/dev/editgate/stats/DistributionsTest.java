package dev.editgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Normal and binomial distributions against scipy and exact rational sums. */
class DistributionsTest {

    @Test
    void normalQuantileMatchesScipy() {
        for (JsonNode c : Reference.JSON.at("/normal/quantile")) {
            double p = c.get(0).asDouble();
            double z = c.get(1).asDouble();
            assertThat(Normal.quantile(p))
                    .as("z(%s)", p)
                    .isCloseTo(z, within(1e-12 + 1e-13 * Math.abs(z)));
        }
    }

    @Test
    void normalCdfMatchesScipyIncludingTheFarTail() {
        for (JsonNode c : Reference.JSON.at("/normal/cdf")) {
            double x = c.get(0).asDouble();
            double p = c.get(1).asDouble();
            if (p < 1e-3) {
                assertThat(Normal.cdf(x)).as("Φ(%s)", x).isCloseTo(p, withinPercentage(1e-10));
            } else {
                assertThat(Normal.cdf(x)).as("Φ(%s)", x).isCloseTo(p, within(1e-15));
            }
        }
    }

    @Test
    void binomialTailsMatchScipy() {
        for (JsonNode c : Reference.JSON.at("/binomial/upper_tail")) {
            int x = c.get(0).asInt();
            int n = c.get(1).asInt();
            double p = c.get(2).asDouble();
            double expected = c.get(3).asDouble();
            assertThat(Binomial.upperTail(x, n, p))
                    .as("P(X ≥ %d), X ~ B(%d, %s)", x, n, p)
                    .isCloseTo(expected, withinPercentage(1e-8));
        }
        for (JsonNode c : Reference.JSON.at("/binomial/pmf")) {
            assertThat(Binomial.pmf(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asDouble()))
                    .isCloseTo(c.get(3).asDouble(), withinPercentage(1e-8));
        }
    }

    @Test
    void binomialTailsMatchExactRationalSums() {
        for (JsonNode c : Reference.JSON.at("/binomial/exact_upper_tail")) {
            int x = c.get(0).asInt();
            int n = c.get(1).asInt();
            double p = c.get(2).asDouble();
            assertThat(Binomial.upperTail(x, n, p))
                    .as("P(X ≥ %d), X ~ B(%d, %s)", x, n, p)
                    .isCloseTo(c.get(3).asDouble(), withinPercentage(1e-10));
        }
        // the classic table: P(X ≥ 5 | 5, 1/2) = 1/32, P(X ≤ 1 | 5, 1/2) = 6/32
        assertThat(Binomial.upperTail(5, 5, 0.5)).isCloseTo(1 / 32.0, within(1e-15));
        assertThat(Binomial.lowerTail(1, 5, 0.5)).isCloseTo(6 / 32.0, within(1e-15));
        assertThat(Binomial.upperTail(0, 7, 0.3)).isEqualTo(1);
        assertThat(Binomial.upperTail(8, 7, 0.3)).isZero();
        assertThat(Binomial.upperTail(1, 7, 0.0)).isZero();
        assertThat(Binomial.upperTail(7, 7, 1.0)).isEqualTo(1);
    }

    @Test
    void logFactorialIsContinuousAcrossTheTableEdge() {
        for (int k = 250; k < 262; k++) {
            double summed = 0;
            for (int i = 2; i <= k; i++) {
                summed += Math.log(i);
            }
            assertThat(Binomial.logFactorial(k)).isCloseTo(summed, withinPercentage(1e-12));
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheValues() {
        assertThatThrownBy(() -> Binomial.upperTail(1, 5, 1.5)).hasMessageContaining("p=1.5");
        assertThatThrownBy(() -> Normal.quantile(1.0)).hasMessageContaining("0 < p < 1");
    }
}
