package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.edit.EditTokens;
import dev.editgate.model.TextTokenizer;
import dev.editgate.model.TokenBatch;
import dev.editgate.model.nn.HostArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of context followed by target tokens, left-padded, and the logit position that predicts each
 * target token: the reference's {@code input_ids} with {@code labels} of -100 everywhere but the
 * target. Losses are means over target tokens (the reference's {@code masked_log_probs}).
 *
 * <p>Dimensions: B rows, T padded length, V vocabulary, N target tokens of the whole batch.
 */
final class TargetBatch {
    final TokenBatch tokens;
    private final long[] positions; // (N) row * T + column of the logit predicting each target
    private final long[] targets; // (N)

    private TargetBatch(TokenBatch tokens, long[] positions, long[] targets) {
        this.tokens = tokens;
        this.positions = positions;
        this.targets = targets;
    }

    /**
     * {@code contexts[b] + targets[b]}, tokenized as the rest of EditGate does ({@link
     * EditTokens#target}: the target's tokens are those {@code encode(context + target)} adds).
     */
    static TargetBatch of(TextTokenizer tok, List<String> contexts, List<String> targets) {
        List<int[]> ctx = new ArrayList<>();
        List<int[]> tgt = new ArrayList<>();
        for (int b = 0; b < contexts.size(); b++) {
            ctx.add(tok.encode(contexts.get(b)));
            tgt.add(EditTokens.target(tok, contexts.get(b), targets.get(b)));
        }
        return ofIds(ctx, tgt, tok.padId());
    }

    /** From token ids: each row is {@code contexts[b]} then {@code targets[b]}. */
    static TargetBatch ofIds(List<int[]> contexts, List<int[]> targets, int padId) {
        List<int[]> rows = new ArrayList<>();
        for (int b = 0; b < contexts.size(); b++) {
            if (contexts.get(b).length == 0 || targets.get(b).length == 0) {
                throw new IllegalArgumentException(
                        "row " + b + " needs at least one context and one target token");
            }
            rows.add(EditTokens.concat(contexts.get(b), targets.get(b)));
        }
        TokenBatch tb = TokenBatch.leftPadded(rows, padId);
        List<long[]> picks = new ArrayList<>();
        for (int b = 0; b < rows.size(); b++) {
            int c = contexts.get(b).length;
            int[] t = targets.get(b);
            for (int j = 0; j < t.length; j++) {
                picks.add(new long[] {(long) b * tb.width() + tb.column(b, c - 1 + j), t[j]});
            }
        }
        return new TargetBatch(
                tb,
                picks.stream().mapToLong(p -> p[0]).toArray(),
                picks.stream().mapToLong(p -> p[1]).toArray());
    }

    int size() {
        return tokens.size();
    }

    /** Number of target tokens N. */
    int targetTokens() {
        return targets.length;
    }

    /** Target token ids, [N]. */
    long[] targets() {
        return targets.clone();
    }

    /**
     * The float32 logits that predict each target token.
     *
     * @param logits [B, T, V]
     * @return [N, V]
     */
    NDArray picked(NDArray logits, NDManager scope) {
        NDArray flat = logits.reshape(-1, logits.getShape().get(2)); // (B*T, V)
        NDArray idx = HostArrays.of(scope, positions, new Shape(positions.length));
        return flat.get(new NDIndex("{}", idx)).toType(DataType.FLOAT32, false);
    }

    /**
     * log p(target token) at each target position.
     *
     * @param picked [N, V] from {@link #picked}
     * @return [N]
     */
    NDArray logProbs(NDArray picked, NDManager scope) {
        NDArray tok = HostArrays.of(scope, targets, new Shape(targets.length, 1));
        return picked.logSoftmax(-1).gather(tok, 1).reshape(-1);
    }

    /** Share of target tokens that are the argmax of their logits (token accuracy). */
    double accuracy(NDArray picked) {
        long[] argmax = picked.argMax(-1).toLongArray();
        int hit = 0;
        for (int i = 0; i < argmax.length; i++) {
            hit += argmax[i] == targets[i] ? 1 : 0;
        }
        return (double) hit / targets.length;
    }
}
