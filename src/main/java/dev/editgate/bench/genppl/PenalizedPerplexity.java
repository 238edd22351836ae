package dev.editgate.bench.genppl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The judge's perplexity of an answer's first {@code n} tokens, with a repetition penalty θ (Keskar
 * et al. 2019, CTRL; transformers' {@code RepetitionPenaltyLogitsProcessor}): at answer token i,
 * the judge's logit z_v of every token v already among the answer's tokens 1..i−1 becomes z_v / θ
 * when z_v &gt; 0 and z_v · θ otherwise, before the softmax. Then
 *
 * <pre>NLL = −Σ_{i=1..n} log softmax(z′_i)[t_i],   PPL = exp(NLL / n)</pre>
 *
 * θ = 1 is the plain perplexity; θ &gt; 1 raises the perplexity of answers that repeat themselves,
 * which a judge would otherwise find very likely. Tokens are the judge's: the answer's tokens are
 * those of {@code encode(prompt + answer)} past {@code encode(prompt)} (lm-evaluation-harness), and
 * an answer with fewer than n of them is not scored (null).
 *
 * <p>The penalty is our reading of Lin et al. (2024), Appendix E.1, whose text was not available
 * (searched 2026-12-03: only the paper's abstract and a summary are stored); see the README.
 */
public final class PenalizedPerplexity {
    private final LanguageModel judge;
    private final int n;
    private final double theta;
    private final int batchSize;

    public PenalizedPerplexity(LanguageModel judge, int n, double theta, int batchSize) {
        if (n < 1 || theta < 1) {
            throw new IllegalArgumentException(
                    "scored tokens "
                            + n
                            + " must be >= 1 and repetition penalty "
                            + theta
                            + " >= 1");
        }
        this.judge = judge;
        this.n = n;
        this.theta = theta;
        this.batchSize = Math.max(1, batchSize);
    }

    /** Summed NLL (nats) of each answer's first n tokens; null where the answer is shorter. */
    public List<Double> nll(List<String> prompts, List<String> answers) {
        List<Double> out = new ArrayList<>();
        for (int from = 0; from < prompts.size(); from += batchSize) {
            int to = Math.min(prompts.size(), from + batchSize);
            List<int[]> rows = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            List<Double> part = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int[] ctx = judge.tokenizer().encode(prompts.get(i));
                int[] all = judge.tokenizer().encode(prompts.get(i) + answers.get(i));
                boolean prefix =
                        all.length >= ctx.length
                                && Arrays.equals(ctx, Arrays.copyOf(all, ctx.length));
                part.add(null);
                if (prefix && all.length - ctx.length >= n && ctx.length > 0) {
                    rows.add(Arrays.copyOf(all, ctx.length + n));
                    starts.add(ctx.length);
                    slots.add(i - from);
                }
            }
            if (!rows.isEmpty()) {
                double[] nll = score(rows, starts);
                for (int r = 0; r < rows.size(); r++) {
                    part.set(slots.get(r), nll[r]);
                }
            }
            out.addAll(part);
        }
        return out;
    }

    private double[] score(List<int[]> rows, List<Integer> starts) {
        TokenBatch batch = TokenBatch.leftPadded(rows, judge.tokenizer().padId());
        double[] out = new double[rows.size()];
        try (NDManager scope = judge.manager().newSubManager()) {
            NDArray logits =
                    judge.forward(scope, batch, Interventions.none()).logits(); // (B, T, V)
            for (int r = 0; r < rows.size(); r++) {
                int[] ids = rows.get(r);
                int start = starts.get(r);
                int first = batch.column(r, start - 1); // predicts answer token 1
                float[] z =
                        logits.get(new NDIndex("{}, {}:{}, :", r, first, first + n))
                                .toType(DataType.FLOAT32, false)
                                .toFloatArray(); // (n, V)
                int v = z.length / n;
                Set<Integer> seen = new HashSet<>();
                double nll = 0;
                for (int i = 0; i < n; i++) {
                    int tok = ids[start + i];
                    nll -= logSoftmaxAt(z, i * v, v, tok, seen, theta);
                    seen.add(tok);
                }
                out[r] = nll;
            }
        }
        return out;
    }

    /** log softmax(z′)[tok] over z[off .. off+v) with the penalty applied to {@code seen}. */
    static double logSoftmaxAt(
            float[] z, int off, int v, int tok, Set<Integer> seen, double theta) {
        double max = Double.NEGATIVE_INFINITY;
        double[] x = new double[v];
        for (int j = 0; j < v; j++) {
            double zj = z[off + j];
            if (seen.contains(j)) {
                zj = zj > 0 ? zj / theta : zj * theta;
            }
            x[j] = zj;
            max = Math.max(max, zj);
        }
        double sum = 0;
        for (int j = 0; j < v; j++) {
            sum += Math.exp(x[j] - max);
        }
        return x[tok] - max - Math.log(sum);
    }
}
