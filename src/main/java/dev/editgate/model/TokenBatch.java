package dev.editgate.model;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of token sequences left-padded to a common length T.
 *
 * <p>Row {@code b} holds {@code lengths[b]} real tokens in columns {@code offset(b) .. T-1}; the
 * columns before are padding, masked out of attention. Positions (for rotary and learned position
 * embeddings) count real tokens only, as Hugging Face computes them under left padding ({@code
 * cumsum(mask) - 1}), so a padded row gives the same logits as the row alone.
 */
public final class TokenBatch {
    private final long[][] ids; // (B, T) padded with padId
    private final int[] lengths; // (B)
    private final int width;

    private TokenBatch(long[][] ids, int[] lengths, int width) {
        this.ids = ids;
        this.lengths = lengths;
        this.width = width;
    }

    /** Left-pads the sequences with {@code padId}. Every sequence needs at least one token. */
    public static TokenBatch leftPadded(List<int[]> sequences, int padId) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        int width = 0;
        for (int[] s : sequences) {
            if (s.length == 0) {
                throw new IllegalArgumentException("empty token sequence in batch");
            }
            width = Math.max(width, s.length);
        }
        long[][] ids = new long[sequences.size()][width];
        int[] lengths = new int[sequences.size()];
        for (int b = 0; b < sequences.size(); b++) {
            int[] s = sequences.get(b);
            lengths[b] = s.length;
            Arrays.fill(ids[b], padId);
            for (int t = 0; t < s.length; t++) {
                ids[b][width - s.length + t] = s[t];
            }
        }
        return new TokenBatch(ids, lengths, width);
    }

    /** One unpadded sequence. */
    public static TokenBatch of(int... tokens) {
        return leftPadded(List.of(tokens), 0);
    }

    public int size() {
        return ids.length;
    }

    /** T: the padded length. */
    public int width() {
        return width;
    }

    public int length(int row) {
        return lengths[row];
    }

    /** Column of the first real token of {@code row}. */
    public int offset(int row) {
        return width - lengths[row];
    }

    /**
     * Column of token {@code index} (0-based among the row's real tokens; negative counts from the
     * end).
     */
    public int column(int row, int index) {
        int i = index < 0 ? lengths[row] + index : index;
        if (i < 0 || i >= lengths[row]) {
            throw new IndexOutOfBoundsException(
                    "token " + index + " of row " + row + " with " + lengths[row] + " tokens");
        }
        return offset(row) + i;
    }

    /** Padded ids, [B][T]. */
    public long[][] ids() {
        return ids;
    }

    /** 1 for real tokens, 0 for padding, [B*T] row-major. */
    public float[] flatMask() {
        float[] mask = new float[ids.length * width];
        for (int b = 0; b < ids.length; b++) {
            Arrays.fill(mask, b * width + offset(b), (b + 1) * width, 1f);
        }
        return mask;
    }
}
