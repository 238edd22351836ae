package dev.editgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The margin McNemar test against scipy.stats.binomtest on the flipped items. */
class McNemarTest {

    @Test
    void pValuesMatchScipyBinomtest() {
        for (JsonNode c : Reference.JSON.get("mcnemar")) {
            int worse = c.get(0).asInt();
            int better = c.get(1).asInt();
            int n = c.get(2).asInt();
            double margin = c.get(3).asDouble();
            double expected = c.get(4).asDouble();
            assertThat(McNemar.pValue(worse, better, n, margin))
                    .as("%d worse, %d better of %d, margin %s", worse, better, n, margin)
                    .isCloseTo(expected, withinPercentage(1e-8));
        }
    }

    @Test
    void withoutMarginItIsTheClassicOneSidedTest() {
        // 4 losses and 1 gain: P(X ≥ 4 | 5, 1/2) = 6/32; the two-sided value is twice that
        assertThat(McNemar.pValue(4, 1, 20, 0)).isCloseTo(6 / 32.0, within(1e-15));
        assertThat(McNemar.pValue(1, 4, 20, 0)).isCloseTo(31 / 32.0, within(1e-15));
    }

    @Test
    void theSameDropIsNoiseOnTwentyItemsAndDamageOnFourHundred() {
        // 0.75 -> 0.55 by losses only, max_drop 0.05
        assertThat(McNemar.pValue(4, 0, 20, 0.05)).isGreaterThan(0.05);
        assertThat(McNemar.pValue(80, 0, 400, 0.05)).isLessThan(1e-10);
    }

    @Test
    void flipsThatCannotExceedTheMarginGiveOne() {
        assertThat(McNemar.pValue(3, 0, 30, 0.2)).isEqualTo(1);
        assertThat(McNemar.pValue(0, 0, 30, 0.0)).isEqualTo(1);
        assertThatThrownBy(() -> McNemar.pValue(20, 20, 30, 0))
                .hasMessageContaining("20 + 20 of 30");
    }
}
