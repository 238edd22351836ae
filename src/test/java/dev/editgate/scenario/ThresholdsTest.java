package dev.editgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;

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
    void absoluteBoundsCombineForCharts() {
        Thresholds t = new Thresholds(0.2, null, 0.9, null, 0.05);
        Double[] b = t.absoluteBounds(0.5, true);
        assertThat(b[0]).isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b[1]).isNull();
        assertThat(t.describe()).isEqualTo("≥ 0.2, ≥ 0.9 × baseline, drop ≤ 0.05");
    }
}
