package dev.editgate.edit.mend;

/**
 * A host matrix of float32 rows, row-major: MEND's per-token factors (u or δ) of one matrix.
 *
 * @param rows number of rows (tokens kept)
 * @param cols width
 * @param data rows × cols values
 */
record Rows(int rows, int cols, float[] data) {
    Rows {
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    "rows " + rows + " × cols " + cols + " != " + data.length + " values");
        }
    }

    float get(int r, int c) {
        return data[r * cols + c];
    }

    /** Whether row {@code r} has a non-zero value. */
    boolean nonZero(int r) {
        for (int c = 0; c < cols; c++) {
            if (data[r * cols + c] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** The rows where {@code keep} is true, in order. */
    Rows select(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        float[] out = new float[n * cols];
        int at = 0;
        for (int r = 0; r < rows; r++) {
            if (keep[r]) {
                System.arraycopy(data, r * cols, out, at * cols, cols);
                at++;
            }
        }
        return new Rows(n, cols, out);
    }

    /**
     * The reference's {@code nz_mask}: rows of {@code u} and {@code delta} where both have a
     * non-zero value (padding and the positions whose output no loss reads have δ = 0).
     */
    static Rows[] nonZeroPairs(Rows u, Rows delta) {
        if (u.rows != delta.rows) {
            throw new IllegalArgumentException(
                    "u has " + u.rows + " rows, delta " + delta.rows + ": not one pair per token");
        }
        boolean[] keep = new boolean[u.rows];
        for (int r = 0; r < u.rows; r++) {
            keep[r] = u.nonZero(r) && delta.nonZero(r);
        }
        return new Rows[] {u.select(keep), delta.select(keep)};
    }
}
