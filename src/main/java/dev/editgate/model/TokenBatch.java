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
 *
 * <p>Each row also names its <b>query column</b>: the token a key-value adaptor (GRACE's codebook)
 * looks up, the prompt's last token (GRACE's {@code key_id}). By default it is the row's last
 * token; scoring a continuation sets it to the context's last token ({@link #withQueries}), and a
 * generation step that only extends a cached pass has none ({@link #NO_QUERY}).
 */
public final class TokenBatch {
    /** Query column of a row whose pass continues an earlier one and holds no query token. */
    public static final int NO_QUERY = -1;

    private final long[][] ids; // (B, T) padded with padId
    private final int[] lengths; // (B)
    private final int width;
    private final int[] queries; // (B) query columns; null: every row's last column

    private TokenBatch(long[][] ids, int[] lengths, int width, int[] queries) {
        this.ids = ids;
        this.lengths = lengths;
        this.width = width;
        this.queries = queries;
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
        return new TokenBatch(ids, lengths, width, null);
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

    /**
     * Column of the token {@code row} is queried at (see the class comment): a column of one of the
     * row's real tokens, or {@link #NO_QUERY}.
     */
    public int query(int row) {
        return queries == null ? width - 1 : queries[row];
    }

    /**
     * This batch with each row's query column given ({@link #NO_QUERY} for none); every other
     * column must hold one of that row's real tokens.
     */
    public TokenBatch withQueries(int[] columns) {
        if (columns.length != ids.length) {
            throw new IllegalArgumentException(
                    columns.length + " query columns for a batch of " + ids.length + " rows");
        }
        for (int b = 0; b < columns.length; b++) {
            if (columns[b] != NO_QUERY && (columns[b] < offset(b) || columns[b] >= width)) {
                throw new IllegalArgumentException(
                        "query column "
                                + columns[b]
                                + " of row "
                                + b
                                + " is outside its tokens (columns "
                                + offset(b)
                                + ".."
                                + (width - 1)
                                + ") and is not NO_QUERY");
            }
        }
        return new TokenBatch(ids, lengths, width, columns.clone());
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
