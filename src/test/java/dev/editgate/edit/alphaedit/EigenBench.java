package dev.editgate.edit.alphaedit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Times the symmetric eigen-decomposition AlphaEdit's projector needs: EJML's (what {@link
 * NullSpaceProjector} uses) against the plain-Java Householder + QL solver it replaced ({@link
 * SymmetricEigen}, kept for this comparison and its tests), on a seeded positive semi-definite
 * matrix shaped like a key second moment (K Kᵀ / m with m = 2n samples, a few directions much
 * stronger, as in an MLP's keys). Not a test: run it by hand, under the heavy lock,
 *
 * <pre>
 * java -cp target/classes:target/test-classes:target/lib/* \
 *     dev.editgate.edit.alphaedit.EigenBench 1536 3072 [--skip-ours-above N]
 * </pre>
 *
 * It prints one line per size, with each solver's residual max |A v − λ v| / max |λ| (on 64
 * eigenvectors), and a {@code RESULT} line.
 */
final class EigenBench {
    private EigenBench() {}

    public static void main(String[] args) {
        int skipAbove = Integer.MAX_VALUE;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--skip-ours-above")) {
                skipAbove = Integer.parseInt(args[++i]);
            } else {
                sizes.add(Integer.parseInt(args[i]));
            }
        }
        StringBuilder result = new StringBuilder("RESULT bench=symmetric-eigen");
        for (int n : sizes) {
            double[] a = secondMoment(n, new Random(n));
            long t0 = System.nanoTime();
            DMatrixRMaj m = new DMatrixRMaj(n, n, true, a);
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(m)) {
                throw new IllegalStateException("EJML did not converge at n=" + n);
            }
            double ejml = (System.nanoTime() - t0) / 1e9;
            double ejmlResidual = ejmlResidual(a, n, eig);
            System.out.printf(
                    Locale.ROOT,
                    "n=%d ejml_s=%.2f ejml_residual=%.1e%n",
                    n,
                    ejml,
                    ejmlResidual(a, n, eig));
            result.append(String.format(Locale.ROOT, " n%d_ejml_s=%.2f", n, ejml));
            if (n <= skipAbove) {
                long t1 = System.nanoTime();
                SymmetricEigen ours = SymmetricEigen.of(a, n);
                double oursS = (System.nanoTime() - t1) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "n=%d householder_ql_s=%.2f householder_ql_residual=%.1e ratio=%.1f%n",
                        n,
                        oursS,
                        oursResidual(a, n, ours),
                        oursS / ejml);
                result.append(
                        String.format(
                                Locale.ROOT,
                                " n%d_householder_ql_s=%.2f n%d_ratio=%.1f",
                                n,
                                oursS,
                                n,
                                oursS / ejml));
            }
            System.out.flush();
        }
        System.out.println(result);
    }

    /** K Kᵀ / m, K [n, 2n] Gaussian with the first n/16 rows scaled by 10. */
    static double[] secondMoment(int n, Random rnd) {
        int m = 2 * n;
        double[] k = new double[n * m];
        for (int r = 0; r < n; r++) {
            double scale = r < n / 16 ? 10 : 1;
            for (int c = 0; c < m; c++) {
                k[r * m + c] = scale * rnd.nextGaussian();
            }
        }
        DMatrixRMaj km = new DMatrixRMaj(n, m, true, k);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        org.ejml.dense.row.CommonOps_DDRM.multTransB(1.0 / m, km, km, a);
        return a.data;
    }

    private static double ejmlResidual(double[] a, int n, EigenDecomposition_F64<DMatrixRMaj> e) {
        double worst = 0;
        double top = 0;
        for (int c = 0; c < n; c += Math.max(1, n / 64)) {
            DMatrixRMaj v = e.getEigenVector(c);
            double lambda = e.getEigenvalue(c).getReal();
            top = Math.max(top, Math.abs(lambda));
            worst = Math.max(worst, residual(a, n, lambda, r -> v.get(r, 0)));
        }
        return worst / top;
    }

    private static double oursResidual(double[] a, int n, SymmetricEigen e) {
        double[] values = e.values();
        double worst = 0;
        for (int c = 0; c < n; c += Math.max(1, n / 64)) {
            int col = c;
            worst = Math.max(worst, residual(a, n, values[c], r -> e.vector(r, col)));
        }
        return worst / Math.abs(values[n - 1]);
    }

    private static double residual(
            double[] a, int n, double lambda, java.util.function.IntToDoubleFunction v) {
        double worst = 0;
        for (int r = 0; r < n; r++) {
            double av = 0;
            for (int k = 0; k < n; k++) {
                av += a[r * n + k] * v.applyAsDouble(k);
            }
            worst = Math.max(worst, Math.abs(av - lambda * v.applyAsDouble(r)));
        }
        return worst;
    }
}
