package dev.editgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Sample sizes and power against the script's independent computation with scipy. */
class SampleSizeTest {

    @Test
    void mcnemarSizesAndPowerMatchTheReference() {
        for (JsonNode c : Reference.JSON.at("/sample_size/mcnemar")) {
            double delta = c.get("delta").asDouble();
            double flips = c.get("flip_share").asDouble();
            double alpha = c.get("alpha").asDouble();
            double power = c.get("power").asDouble();
            assertThat(SampleSize.mcnemar(delta, flips, alpha, power))
                    .as("items for δ=%s ψ=%s α=%s", delta, flips, alpha)
                    .isEqualTo(c.get("items").asInt());
            assertThat(SampleSize.mcnemarPower(30, delta, flips, alpha))
                    .isCloseTo(c.get("power_at_30").asDouble(), within(1e-9));
        }
    }

    @Test
    void theCorrectedSizeReachesThePowerOfTheExactTest() {
        // the documented reason for the continuity correction, from the script's enumeration
        for (JsonNode c : Reference.JSON.at("/sample_size/mcnemar")) {
            assertThat(c.get("exact_power_at_items").asDouble())
                    .isGreaterThanOrEqualTo(c.get("power").asDouble());
            assertThat(c.get("exact_power_at_connor_items").asDouble())
                    .isLessThan(c.get("power").asDouble());
        }
    }

    @Test
    void normalSizesAndPowerMatchTheReference() {
        for (JsonNode c : Reference.JSON.at("/sample_size/normal")) {
            double delta = c.get("delta").asDouble();
            double sd = c.get("sd").asDouble();
            double alpha = c.get("alpha").asDouble();
            assertThat(SampleSize.normal(delta, sd, alpha, c.get("power").asDouble()))
                    .isEqualTo(c.get("items").asInt());
            assertThat(SampleSize.normalPower(50, delta, sd, alpha))
                    .isCloseTo(c.get("power_at_50").asDouble(), within(1e-9));
        }
    }

    @Test
    void powerReachesTheTargetExactlyAtTheSize() {
        int n = SampleSize.mcnemar(0.1, 0.3, 0.05, 0.8);
        assertThat(SampleSize.mcnemarPower(n, 0.1, 0.3, 0.05)).isGreaterThanOrEqualTo(0.8);
        assertThat(SampleSize.mcnemarPower(n - 1, 0.1, 0.3, 0.05)).isLessThan(0.8);
    }
}
