package dev.editgate.edit.alphaedit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * AlphaEdit's projector onto the null space of the preserved knowledge ({@code get_project}): with
 * K₀K₀ᵀ/n the second moment of the layer's MLP keys, P = Û Ûᵀ where Û holds the eigenvectors whose
 * eigenvalues are below the threshold. The reference takes U and S from {@code torch.linalg.svd} of
 * the same symmetric matrix; for a positive semi-definite matrix those are its eigenvectors and
 * eigenvalues, and a singular value is the eigenvalue's magnitude, so the selection here is on |λ|
 * &lt; threshold as there. The eigen-decomposition is EJML's symmetric one (Householder
 * tridiagonalisation and implicit QR, float64); DJL's NDArray has none. It replaced a plain-Java
 * Householder + QL solver, several times slower on SmolLM2's 1536-wide keys ({@code EigenBench},
 * the README); that solver remains in the tests as {@code SymmetricEigen}, the cross-check. The
 * layers' decompositions are independent and run in parallel ({@link #ofAll}), one per core.
 *
 * @param matrix P [I, I] float64
 * @param rank how many eigenvectors P keeps (the null space's dimension, trace of P)
 * @param smallest the smallest eigenvalue
 * @param largestKept the largest eigenvalue below the threshold (NaN when none)
 * @param smallestDropped the smallest eigenvalue at or above it (NaN when none)
 */
record NullSpaceProjector(
        NDArray matrix, int rank, double smallest, double largestKept, double smallestDropped) {

    /** The projector of {@code moment} ([I, I], symmetric) for {@code threshold}. */
    static NullSpaceProjector of(NDArray moment, double threshold, NDManager out) {
        return ofAll(List.of(moment), threshold, out).get(0);
    }

    /**
     * The projectors of several layers' moments: read to the host in order, decomposed in parallel
     * (at most one decomposition per core), built into P in order on {@code out}.
     */
    static List<NullSpaceProjector> ofAll(List<NDArray> moments, double threshold, NDManager out) {
        List<double[]> host = new ArrayList<>();
        for (NDArray moment : moments) {
            host.add(host(moment));
        }
        int threads = Math.min(moments.size(), Runtime.getRuntime().availableProcessors());
        List<Kept> kept = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Kept>> futures = new ArrayList<>();
            for (int i = 0; i < moments.size(); i++) {
                double[] a = host.get(i);
                int n = (int) moments.get(i).getShape().get(0);
                futures.add(pool.submit(() -> decompose(a, n, threshold)));
            }
            for (Future<Kept> f : futures) {
                kept.add(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decomposing second moments", e);
        } finally {
            pool.shutdownNow();
        }
        List<NullSpaceProjector> result = new ArrayList<>();
        for (Kept k : kept) {
            result.add(k.projector(out));
        }
        return result;
    }

    /** The moment as a row-major float64 array, exactly symmetric (its lower triangle mirrored). */
    private static double[] host(NDArray moment) {
        Shape s = moment.getShape();
        if (s.dimension() != 2 || s.get(0) != s.get(1)) {
            throw new IllegalArgumentException("second moment must be square, was " + s);
        }
        int n = (int) s.get(0);
        double[] a = moment.toType(DataType.FLOAT64, false).toDoubleArray(); // [I, I]
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = a[i * n + j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException(
                            "second moment entry (" + i + ", " + j + ") is not finite: " + x);
                }
                a[j * n + i] = x;
            }
        }
        return a;
    }

    /** The eigenvectors below the threshold, as Û [I, k] row-major, and the eigenvalue figures. */
    private record Kept(
            int n, int k, double[] u, double smallest, double largestKept, double dropped) {

        NullSpaceProjector projector(NDManager out) {
            NDArray p;
            if (k == 0) {
                p = out.zeros(new Shape(n, n), DataType.FLOAT64);
            } else {
                try (NDManager tmp = out.newSubManager()) {
                    NDArray um = tmp.create(u, new Shape(n, k)); // [I, k]
                    p = um.matMul(um.transpose()); // [I, I]
                    p.attach(out);
                }
            }
            return new NullSpaceProjector(
                    p, k, smallest, largestKept, Double.isInfinite(dropped) ? Double.NaN : dropped);
        }
    }

    private static Kept decompose(double[] a, int n, double threshold) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (n > 0 && !eig.decompose(new DMatrixRMaj(n, n, true, a))) {
            throw new IllegalStateException(
                    "the eigen-decomposition of the " + n + " x " + n + " second moment failed");
        }
        double[] values = new double[n];
        for (int j = 0; j < n; j++) {
            values[j] = eig.getEigenvalue(j).getReal();
        }
        int k = 0;
        double largestKept = Double.NaN;
        double dropped = Double.POSITIVE_INFINITY;
        double smallest = Double.NaN;
        for (double v : values) {
            smallest = Double.isNaN(smallest) ? v : Math.min(smallest, v);
            if (Math.abs(v) < threshold) {
                k++;
                largestKept =
                        Double.isNaN(largestKept)
                                ? Math.abs(v)
                                : Math.max(largestKept, Math.abs(v));
            } else {
                dropped = Math.min(dropped, Math.abs(v));
            }
        }
        double[] u = new double[n * k]; // [I, k]
        int c = 0;
        for (int j = 0; j < n; j++) {
            if (Math.abs(values[j]) < threshold) {
                DMatrixRMaj v = eig.getEigenVector(j); // [I, 1], unit length
                for (int r = 0; r < n; r++) {
                    u[r * k + c] = v.data[r];
                }
                c++;
            }
        }
        return new Kept(n, k, u, smallest, largestKept, dropped);
    }
}
