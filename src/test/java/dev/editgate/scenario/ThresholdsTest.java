package dev.editgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void ratioBoundNamesValueFactorAndBaseline() {
        Thresholds t = new Thresholds(null, null, 0.9, null, null);
        assertThat(t.violations(0.31, 0.46, true)).containsExactly("0.31 < 0.9 × baseline 0.46");
        assertThat(t.violations(0.42, 0.46, true)).isEmpty();
    }

    @Test
    void absoluteBoundsAndMaxRatioForLowerIsBetter() {
        Thresholds t = new Thresholds(0.5, 2.0, null, 1.1, null);
        assertThat(t.violations(2.5, 2.0, false))
                .containsExactly("2.5 > max 2", "2.5 > 1.1 × baseline 2");
        assertThat(t.violations(0.4, 2.0, false)).containsExactly("0.4 < min 0.5");
    }

    @Test
    void maxDropFollowsTheMetricsDirection() {
        Thresholds t = new Thresholds(null, null, null, null, 0.1);
        assertThat(t.violations(0.7, 0.9, true))
                .singleElement()
                .asString()
                .startsWith("drop 0.2 from baseline 0.9 to 0.7");
        assertThat(t.violations(1.0, 0.9, true)).isEmpty();
        assertThat(t.violations(12.0, 10.0, false)).hasSize(1);
        assertThat(t.violations(8.0, 10.0, false)).isEmpty();
    }

    @Test
    void missingBaselineFailsOnlyBoundsThatNeedIt() {
        assertThat(new Thresholds(0.1, null, null, null, null).violations(0.5, null, true))
                .isEmpty();
        assertThat(new Thresholds(null, null, 0.9, null, null).violations(0.5, null, true))
                .containsExactly("no baseline score to compare 0.5 with");
    }

    @Test
    void valuesOnABoundDoNotBreakItDespiteRounding() {
        // 0.75 - 0.70 is 0.05000000000000004 in binary
        assertThat(new Thresholds(null, null, null, null, 0.05).violations(0.70, 0.75, true))
                .isEmpty();
        assertThat(new Thresholds(null, null, null, null, 0.05).violations(0.6999, 0.75, true))
                .hasSize(1);
    }

    @Test
    void boundsResolveTheirDirectionAndExcess() {
        Thresholds t = new Thresholds(0.2, null, 0.9, 1.2, 0.05, 0.95, null);
        List<Thresholds.Bound> higher = t.bounds(true);
        assertThat(higher)
                .extracting(Thresholds.Bound::key)
                .containsExactly(
                        "min", "min_ratio_to_baseline", "max_ratio_to_baseline", "max_drop");
        assertThat(higher.get(3).breaksLow()).isTrue();
        assertThat(t.bounds(false).get(3).breaksLow()).isFalse();
        // baseline 0.5: max_drop lies at 0.45; 0.40 is 0.05 beyond it
        assertThat(higher.get(3).excess(0.40, 0.5)).isCloseTo(0.05, within(1e-12));
        assertThat(higher.get(1).at(0.5)).isCloseTo(0.45, within(1e-12));
        assertThat(t.bounds(false).get(3).at(10.0)).isCloseTo(10.05, within(1e-12));
        assertThat(t.asMap()).containsEntry("confidence", 0.95).doesNotContainKey("min_items");
    }

    @Test
    void absoluteBoundsCombineForCharts() {
        Thresholds t = new Thresholds(0.2, null, 0.9, null, 0.05);
        Double[] b = t.absoluteBounds(0.5, true);
        assertThat(b[0]).isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b[1]).isNull();
        assertThat(t.describe()).isEqualTo("≥ 0.2, ≥ 0.9 × baseline, drop ≤ 0.05");
    }
}
