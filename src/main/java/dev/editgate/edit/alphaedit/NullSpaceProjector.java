package dev.editgate.edit.alphaedit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * AlphaEdit's projector onto the null space of the preserved knowledge ({@code get_project}): with
 * K₀K₀ᵀ/n the second moment of the layer's MLP keys, P = Û Ûᵀ where Û holds the eigenvectors whose
 * eigenvalues are below the threshold. The reference takes U and S from {@code torch.linalg.svd} of
 * the same symmetric matrix; for a positive semi-definite matrix those are its eigenvectors and
 * eigenvalues, and a singular value is the eigenvalue's magnitude, so the selection here is on |λ|
 * &lt; threshold as there.
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
        Shape s = moment.getShape();
        if (s.dimension() != 2 || s.get(0) != s.get(1)) {
            throw new IllegalArgumentException("second moment must be square, was " + s);
        }
        int n = (int) s.get(0);
        double[] a = moment.toType(DataType.FLOAT64, false).toDoubleArray();
        SymmetricEigen eig = SymmetricEigen.of(a, n);
        double[] values = eig.values();
        int k = 0;
        double kept = Double.NaN;
        double dropped = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (Math.abs(v) < threshold) {
                k++;
                kept = Double.isNaN(kept) ? Math.abs(v) : Math.max(kept, Math.abs(v));
            } else {
                dropped = Math.min(dropped, Math.abs(v));
            }
        }
        double[] u = new double[n * k]; // [I, k]
        int c = 0;
        for (int j = 0; j < n; j++) {
            if (Math.abs(values[j]) < threshold) {
                for (int r = 0; r < n; r++) {
                    u[r * k + c] = eig.vector(r, j);
                }
                c++;
            }
        }
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
                p,
                k,
                n == 0 ? Double.NaN : values[0],
                kept,
                Double.isInfinite(dropped) ? Double.NaN : dropped);
    }
}
