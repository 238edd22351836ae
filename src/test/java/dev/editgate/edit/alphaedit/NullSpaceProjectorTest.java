package dev.editgate.edit.alphaedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The projector built on EJML's eigen-decomposition against the same built on the independent
 * Householder + QL solver ({@link SymmetricEigen}), on a seeded key-like second moment with a clear
 * eigen-gap: same rank and eigenvalue figures, same P within 1e-10, P idempotent and symmetric with
 * trace = rank. The parity with AlphaEdit's own code is {@code AlphaEditParityTest}.
 */
class NullSpaceProjectorTest {

    @Test
    void equalsTheProjectorOfTheIndependentSolver() {
        int n = 96;
        double[] a = EigenBench.secondMoment(n, new Random(7)); // 6 strong directions of 96
        // the 90 weak directions' eigenvalues lie in [0.09, 2.9] (Marchenko-Pastur, n/m = 1/2),
        // the 6 strong ones' near 100: the threshold sits in the gap
        double threshold = 10.0;
        SymmetricEigen ours = SymmetricEigen.of(a, n);
        double[] values = ours.values();
        int k = 0;
        for (double v : values) {
            k += Math.abs(v) < threshold ? 1 : 0;
        }
        double[] want = new double[n * n]; // U U^T over the kept columns
        for (int c = 0; c < n; c++) {
            if (Math.abs(values[c]) < threshold) {
                for (int r = 0; r < n; r++) {
                    for (int q = 0; q < n; q++) {
                        want[r * n + q] += ours.vector(r, c) * ours.vector(q, c);
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NullSpaceProjector p =
                    NullSpaceProjector.of(m.create(a, new Shape(n, n)), threshold, m);
            assertThat(k).isEqualTo(n - n / 16);
            assertThat(p.rank()).isEqualTo(k);
            assertThat(p.smallest()).isCloseTo(values[0], Offset.offset(1e-10));
            assertThat(p.largestKept()).isCloseTo(Math.abs(values[k - 1]), Offset.offset(1e-10));
            assertThat(p.smallestDropped()).isCloseTo(values[k], Offset.offset(1e-10));
            NDArray pm = p.matrix();
            double diff = pm.sub(m.create(want, new Shape(n, n))).abs().max().getDouble();
            assertThat(diff).as("max |P_ejml - P_householder_ql|").isLessThan(1e-10);
            assertThat(pm.matMul(pm).sub(pm).abs().max().getDouble()).isLessThan(1e-10);
            assertThat(pm.sub(pm.transpose()).abs().max().getDouble()).isLessThan(1e-12);
            double[] pv = pm.toDoubleArray();
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += pv[i * n + i];
            }
            assertThat(trace).isCloseTo(k, Offset.offset(1e-9));
        }
    }

    @Test
    void noEigenvalueBelowTheThresholdGivesZeroAndBadInputIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NullSpaceProjector p =
                    NullSpaceProjector.of(
                            m.create(new double[] {2, 1, 1, 2}, new Shape(2, 2)), 0.5, m);
            assertThat(p.rank()).isZero();
            assertThat(p.matrix().abs().max().getDouble()).isZero();
            assertThat(p.smallest()).isCloseTo(1, Offset.offset(1e-14));
            assertThat(p.largestKept()).isNaN();
            assertThat(p.smallestDropped()).isCloseTo(1, Offset.offset(1e-14));
            assertThatThrownBy(
                            () ->
                                    NullSpaceProjector.of(
                                            m.create(
                                                    new double[] {1, 0, Double.NaN, 1},
                                                    new Shape(2, 2)),
                                            0.5,
                                            m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("entry (1, 0) is not finite");
            assertThatThrownBy(() -> NullSpaceProjector.of(m.zeros(new Shape(2, 3)), 0.5, m))
                    .hasMessageContaining("must be square");
        }
    }
}
