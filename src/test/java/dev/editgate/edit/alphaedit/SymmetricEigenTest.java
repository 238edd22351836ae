package dev.editgate.edit.alphaedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricEigenTest {

    /** A V = V Λ, Vᵀ V = I, eigenvalues ascending, on seeded random symmetric matrices. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 130})
    void decomposesRandomSymmetricMatrices(int n) {
        Random rnd = new Random(n);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = rnd.nextGaussian();
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a, n);
        double[] values = e.values();
        for (int i = 1; i < n; i++) {
            assertThat(values[i]).isGreaterThanOrEqualTo(values[i - 1]);
        }
        double trace = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
            sum += values[i];
        }
        assertThat(sum).isCloseTo(trace, Offset.offset(1e-10 * n));
        double worstResidual = 0;
        double worstOrtho = 0;
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < n; r++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[r * n + k] * e.vector(k, c);
                }
                worstResidual = Math.max(worstResidual, Math.abs(av - values[c] * e.vector(r, c)));
            }
            for (int c2 = 0; c2 < n; c2++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += e.vector(k, c) * e.vector(k, c2);
                }
                worstOrtho = Math.max(worstOrtho, Math.abs(dot - (c == c2 ? 1 : 0)));
            }
        }
        assertThat(worstResidual).as("max |A v - λ v|").isLessThan(1e-11 * Math.max(1, n));
        assertThat(worstOrtho).as("max |Vᵀ V - I|").isLessThan(1e-12 * Math.max(1, n));
    }

    @Test
    void knownSpectrum() {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3, vectors (1, -1)/√2 and (1, 1)/√2
        SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertThat(e.values()).containsExactly(new double[] {1, 3}, Offset.offset(1e-14));
        assertThat(Math.abs(e.vector(0, 0) + e.vector(1, 0))).isLessThan(1e-14);
        assertThat(Math.abs(e.vector(0, 1) - e.vector(1, 1))).isLessThan(1e-14);
        assertThat(Math.abs(e.vector(0, 1))).isCloseTo(Math.sqrt(0.5), Offset.offset(1e-14));
    }

    @Test
    void repeatedAndZeroEigenvalues() {
        // rank one: u uᵀ with u = (1, 2, 2)/3 -> eigenvalues 0, 0, 1
        double[] u = {1 / 3.0, 2 / 3.0, 2 / 3.0};
        double[] a = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i * 3 + j] = u[i] * u[j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a, 3);
        assertThat(e.values()).containsExactly(new double[] {0, 0, 1}, Offset.offset(1e-15));
        for (int r = 0; r < 3; r++) {
            assertThat(Math.abs(e.vector(r, 2))).isCloseTo(u[r], Offset.offset(1e-14));
        }
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> SymmetricEigen.of(new double[3], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values is not 2 x 2");
        assertThatThrownBy(() -> SymmetricEigen.of(new double[] {1, 0, Double.NaN, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 0) is not finite");
    }
}
