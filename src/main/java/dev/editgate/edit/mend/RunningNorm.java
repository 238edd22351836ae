package dev.editgate.edit.mend;

import java.util.Arrays;

/**
 * The reference's input normalisation buffers of one transform ({@code u_mean, u_s, u_std} for the
 * inputs, {@code v_*} for the output gradients, and the shared count {@code k}): Welford's running
 * mean and sum of squared deviations, one token row at a time, in float32 with the reference's
 * order of operations so the buffers agree bit for bit.
 *
 * <p>Before the first row every buffer is NaN, as in the reference. Unlike the reference, whose
 * "initialised" flag is a Python attribute lost when an archive is loaded (so training resumed from
 * an archive would restart the statistics from its first row), a finite {@code k} counts as
 * initialised, which keeps a resumed training run identical to an uninterrupted one.
 */
final class RunningNorm {
    final float[] uMean;
    final float[] uS;
    final float[] uStd;
    final float[] vMean;
    final float[] vS;
    final float[] vStd;
    float k = Float.NaN;

    RunningNorm(int xDim, int deltaDim) {
        uMean = nan(xDim);
        uS = nan(xDim);
        uStd = nan(xDim);
        vMean = nan(deltaDim);
        vS = nan(deltaDim);
        vStd = nan(deltaDim);
    }

    private static float[] nan(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    boolean initialised() {
        return !Float.isNaN(k);
    }

    /**
     * Training mode: adds every row pair to the statistics, then recomputes the standard
     * deviations; throws when fewer than two rows have been seen.
     */
    void update(Rows u, Rows v) {
        for (int r = 0; r < u.rows(); r++) {
            if (!initialised()) {
                System.arraycopy(u.data(), r * u.cols(), uMean, 0, u.cols());
                System.arraycopy(v.data(), r * v.cols(), vMean, 0, v.cols());
                Arrays.fill(uS, 0f);
                Arrays.fill(vS, 0f);
                k = 1f;
            } else {
                k += 1f;
                welford(u, r, uMean, uS, k);
                welford(v, r, vMean, vS, k);
            }
        }
        if (!(k >= 2f)) {
            throw new IllegalStateException(
                    "mend: can't perform normalization with only " + k + " samples so far");
        }
        for (int i = 0; i < uStd.length; i++) {
            uStd[i] = (float) Math.sqrt(uS[i] / (k - 1f));
        }
        for (int i = 0; i < vStd.length; i++) {
            vStd[i] = (float) Math.sqrt(vS[i] / (k - 1f));
        }
    }

    /** {@code new_m = m + (x - m) / k; new_s = s + (x - m) * (x - new_m)}. */
    private static void welford(Rows x, int r, float[] m, float[] s, float k) {
        int base = r * x.cols();
        for (int i = 0; i < m.length; i++) {
            float xi = x.data()[base + i];
            float newM = m[i] + (xi - m[i]) / k;
            s[i] = s[i] + (xi - m[i]) * (xi - newM);
            m[i] = newM;
        }
    }

    /** {@code (x - mean) / (std + 1e-7)} row by row. */
    static float[] normalise(Rows x, float[] mean, float[] std) {
        float[] out = new float[x.data().length];
        int c = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            for (int i = 0; i < c; i++) {
                out[r * c + i] = (x.data()[r * c + i] - mean[i]) / (std[i] + 1e-7f);
            }
        }
        return out;
    }
}
