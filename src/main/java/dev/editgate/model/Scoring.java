package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Log-likelihood of continuations and strided perplexity, batched: requests are sorted by length
 * and packed into batches of at most {@link #MAX_BATCH_TOKENS} padded tokens, and only the logits
 * rows that predict a scored token go through log-softmax.
 */
final class Scoring {
    static final int MAX_BATCH_TOKENS = 2048;
    static final int MAX_BATCH_ROWS = 16;

    private final TransformerModel model;

    Scoring(TransformerModel model) {
        this.model = model;
    }

    List<ContinuationScore> score(List<String> contexts, List<String> continuations) {
        check(contexts.size(), continuations.size());
        TextTokenizer tk = model.tokenizer();
        List<int[]> ctx = new ArrayList<>();
        List<int[]> cont = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            int[] c = tk.encode(contexts.get(i));
            int[] whole = tk.encode(contexts.get(i) + continuations.get(i));
            int shared = 0;
            while (shared < c.length && shared < whole.length && c[shared] == whole[shared]) {
                shared++;
            }
            if (shared == whole.length) {
                throw new IllegalArgumentException(
                        "continuation \""
                                + continuations.get(i)
                                + "\" adds no token to context #"
                                + i);
            }
            ctx.add(Arrays.copyOf(whole, Math.max(shared, 1)));
            cont.add(Arrays.copyOfRange(whole, Math.max(shared, 1), whole.length));
        }
        return scoreIds(ctx, cont);
    }

    List<ContinuationScore> scoreIds(List<int[]> contexts, List<int[]> continuations) {
        check(contexts.size(), continuations.size());
        int n = contexts.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (contexts.get(i).length == 0) {
                throw new IllegalArgumentException("context #" + i + " has no tokens");
            }
            if (continuations.get(i).length == 0) {
                throw new IllegalArgumentException("continuation #" + i + " has no tokens");
            }
        }
        Arrays.sort(
                order,
                Comparator.comparingInt(
                        i -> -(contexts.get(i).length + continuations.get(i).length)));
        ContinuationScore[] out = new ContinuationScore[n];
        int start = 0;
        while (start < n) {
            int width =
                    contexts.get(order[start]).length + continuations.get(order[start]).length - 1;
            int rows = Math.max(1, Math.min(MAX_BATCH_ROWS, MAX_BATCH_TOKENS / Math.max(1, width)));
            int end = Math.min(n, start + rows);
            List<int[]> seqs = new ArrayList<>();
            List<int[]> targets = new ArrayList<>();
            for (int k = start; k < end; k++) {
                int[] c = contexts.get(order[k]);
                int[] t = continuations.get(order[k]);
                int[] full = new int[c.length + t.length - 1]; // the last token is never input
                System.arraycopy(c, 0, full, 0, c.length);
                System.arraycopy(t, 0, full, c.length, t.length - 1);
                seqs.add(full);
                targets.add(t);
            }
            ContinuationScore[] scored = scoreBatch(seqs, targets);
            for (int k = start; k < end; k++) {
                out[order[k]] = scored[k - start];
            }
            start = end;
        }
        return List.of(out);
    }

    /** Scores the last {@code targets[r].length} predictions of each row. */
    private ContinuationScore[] scoreBatch(List<int[]> seqs, List<int[]> targets) {
        TokenBatch padded = TokenBatch.leftPadded(seqs, model.tokenizer().padId());
        int[] queries = new int[seqs.size()]; // the context's last token (GRACE's key_id)
        for (int b = 0; b < queries.length; b++) {
            queries[b] = padded.width() - targets.get(b).length;
        }
        TokenBatch batch = padded.withQueries(queries);
        int total = targets.stream().mapToInt(t -> t.length).sum();
        long[] rowsIdx =
                new long[total]; // flat (b·T + column) of the logits predicting each target
        long[] targetIds = new long[total];
        int k = 0;
        for (int b = 0; b < seqs.size(); b++) {
            int[] t = targets.get(b);
            int first = batch.width() - t.length; // column predicting t[0]
            for (int j = 0; j < t.length; j++) {
                rowsIdx[k] = (long) b * batch.width() + first + j;
                targetIds[k++] = t[j];
            }
        }
        try (NDManager m = model.manager().newSubManager()) {
            // the head only at the rows that predict a target: (1, N, V), in rowsIdx's order
            Pass pass = Pass.of(batch, Interventions.none()).withLogitRows(rowsIdx);
            NDArray logits = model.pass(m, pass).logits();
            NDArray picked = logits.reshape(-1, logits.getShape().get(2)); // (N, V)
            NDArray logp = picked.toType(DataType.FLOAT32, false).logSoftmax(-1);
            NDArray tgt = m.create(targetIds, new Shape(total, 1));
            float[] lp = logp.gather(tgt, 1).toFloatArray();
            long[] argmax = logp.argMax(1).toLongArray();
            ContinuationScore[] out = new ContinuationScore[seqs.size()];
            k = 0;
            for (int b = 0; b < seqs.size(); b++) {
                int[] t = targets.get(b);
                float[] tokenLp = Arrays.copyOfRange(lp, k, k + t.length);
                boolean greedy = true;
                for (int j = 0; j < t.length; j++) {
                    greedy &= argmax[k + j] == t[j];
                }
                k += t.length;
                out[b] = new ContinuationScore(tokenLp, t.clone(), greedy);
            }
            return out;
        }
    }

    LanguageModel.Perplexity perplexity(String text, int window, int stride) {
        if (window < 2 || stride < 1 || stride > window) {
            throw new IllegalArgumentException(
                    "perplexity needs window >= 2 and 1 <= stride <= window; got window "
                            + window
                            + ", stride "
                            + stride);
        }
        int w = Math.min(window, model.config().maxPositions());
        int s = Math.min(stride, w);
        int[] ids = model.tokenizer().encode(text);
        if (ids.length < 2) {
            throw new IllegalArgumentException("perplexity needs a text of at least 2 tokens");
        }
        double nll = 0;
        long count = 0;
        int prevEnd = 0;
        for (int begin = 0; begin < ids.length; begin += s) {
            int end = Math.min(begin + w, ids.length);
            int trg = end - prevEnd; // tokens not scored by an earlier window
            int[] ctx = Arrays.copyOfRange(ids, begin, end - trg == begin ? begin + 1 : end - trg);
            int[] cont = Arrays.copyOfRange(ids, begin + ctx.length, end);
            if (cont.length > 0) {
                ContinuationScore sc = scoreIds(List.of(ctx), List.of(cont)).get(0);
                nll -= sc.sum();
                count += sc.tokens();
            }
            prevEnd = end;
            if (end == ids.length) {
                break;
            }
        }
        return new LanguageModel.Perplexity(Math.exp(nll / count), nll, count);
    }

    private static void check(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException(a + " contexts but " + b + " continuations");
        }
    }
}
