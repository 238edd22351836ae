package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.TokenBatch;
import java.util.Arrays;

/**
 * Where the target tokens of an edit are scored in a left-padded batch: for each, the row of the
 * flattened logits [B·T, V] that predicts it and the token itself. ROME's and MEMIT's value
 * optimisation and FT-L's training build theirs here and read the log-probabilities the same way.
 */
public final class TargetPositions {
    private final TokenBatch batch;
    private long[] rows = new long[0];
    private long[] tokens = new long[0];
    private int size;

    /** No positions yet over {@code batch}. */
    public TargetPositions(TokenBatch batch) {
        this.batch = batch;
    }

    /**
     * Teacher forcing: {@code target[j]} is predicted at the {@code promptLength - 1 + j}-th token
     * of row {@code row} (the row holds the prompt followed by all but the last target token).
     */
    public TargetPositions teacherForced(int row, int promptLength, int[] target) {
        for (int j = 0; j < target.length; j++) {
            add(row, promptLength - 1 + j, target[j]);
        }
        return this;
    }

    /** Every token of {@code target} predicted at the prompt's last token of row {@code row}. */
    public TargetPositions atPromptEnd(int row, int promptLength, int[] target) {
        for (int t : target) {
            add(row, promptLength - 1, t);
        }
        return this;
    }

    private void add(int row, int index, int token) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, Math.max(8, 2 * size));
            tokens = Arrays.copyOf(tokens, rows.length);
        }
        rows[size] = (long) row * batch.width() + batch.column(row, index);
        tokens[size] = token;
        size++;
    }

    /** How many target tokens are scored (N). */
    public int size() {
        return size;
    }

    /** [N] the rows of the flattened logits. */
    public long[] rows() {
        return Arrays.copyOf(rows, size);
    }

    /** [N] the tokens. */
    public long[] tokens() {
        return Arrays.copyOf(tokens, size);
    }

    /** The positions as index arrays in {@code manager}, for {@link Indices#logProbs}. */
    public Indices indices(NDManager manager) {
        return new Indices(manager.create(rows()), manager.create(tokens()).reshape(-1, 1));
    }

    /**
     * @param rows [N] rows of the flattened logits
     * @param tokens [N, 1] the target token of each
     */
    public record Indices(NDArray rows, NDArray tokens) {

        /** [N, 1] log p(token) at each position, in float32, differentiable. */
        public NDArray logProbs(ForwardResult r) {
            NDArray logits = r.logits().reshape(-1, r.logits().getShape().get(2)); // [B*T, V]
            return logits.get(new NDIndex("{}", rows))
                    .toType(DataType.FLOAT32, false)
                    .logSoftmax(-1) // [N, V]
                    .gather(tokens, 1);
        }
    }
}
