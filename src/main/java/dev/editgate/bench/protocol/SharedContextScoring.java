package dev.editgate.bench.protocol;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.PrefixCache;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@link ChoiceRanking}'s shared mode: one pass per question's context (the options' common tokens
 * appended), every option read from the last columns. Whole contexts, or batches of questions with
 * one few-shot prefix that continue its cached keys and values ({@link PrefixCache}).
 */
final class SharedContextScoring {
    private final LanguageModel model;
    private final int batchSize;
    private final IntConsumer scored;

    /** {@code scored} hears how many questions each batch scored. */
    SharedContextScoring(LanguageModel model, int batchSize, IntConsumer scored) {
        this.model = model;
        this.batchSize = batchSize;
        this.scored = scored;
    }

    /** Padded tokens per forward pass in the shared mode (the model's own scoring packs alike). */
    static final int MAX_BATCH_TOKENS = 2048;

    void scoreWhole(List<ChoiceRanking.Split> splits, List<Integer> which, double[][] out) {
        List<Integer> order = new ArrayList<>(which);
        order.sort((a, b) -> splits.get(b).shared().length - splits.get(a).shared().length);
        int from = 0;
        while (from < order.size()) {
            int width = splits.get(order.get(from)).shared().length; // longest first
            int rows = Math.max(1, Math.min(batchSize, MAX_BATCH_TOKENS / width));
            List<Integer> chunk = order.subList(from, Math.min(order.size(), from + rows));
            from += chunk.size();
            List<int[]> ctxs = new ArrayList<>();
            for (int i : chunk) {
                ctxs.add(splits.get(i).shared());
            }
            int span = span(splits, chunk);
            try (NDManager scope = model.manager().newSubManager()) {
                TokenBatch batch = TokenBatch.leftPadded(ctxs, model.tokenizer().padId());
                ForwardResult r = model.forward(scope, batch, Interventions.none());
                read(r, splits, chunk, span, out);
            }
            scored.accept(chunk.size());
        }
    }

    /**
     * The shared mode over a prefix cache: batches of questions with one prefix, each continuing
     * the prefix's cached keys and values.
     */
    void scoreCached(
            List<ChoiceRanking.Split> splits,
            List<Integer> which,
            double[][] out,
            PrefixCache cache) {
        List<int[]> seqs = new ArrayList<>(splits.size());
        for (ChoiceRanking.Split sp : splits) {
            seqs.add(sp.shared());
        }
        for (List<Integer> group : PrefixGroups.groups(seqs, which)) {
            // the group's common prefix, so that each of its batches meets on one cache entry
            int limit = PrefixGroups.common(seqs, group);
            int from = 0;
            while (from < group.size()) {
                List<Integer> rest = group.subList(from, Math.min(group.size(), from + batchSize));
                int span = span(splits, rest);
                List<int[]> ctxs = new ArrayList<>();
                for (int i : rest) {
                    ctxs.add(splits.get(i).shared());
                }
                int p = cache.choose(ctxs, span, limit);
                int widest = 0;
                for (int[] c : ctxs) {
                    widest = Math.max(widest, c.length - p);
                }
                int rows = Math.max(1, Math.min(rest.size(), MAX_BATCH_TOKENS / widest));
                List<Integer> chunk = rest.subList(0, rows);
                from += rows;
                List<int[]> tails = new ArrayList<>();
                for (int i : chunk) {
                    int[] c = splits.get(i).shared();
                    tails.add(Arrays.copyOfRange(c, p, c.length));
                }
                try (NDManager scope = model.manager().newSubManager()) {
                    TokenBatch batch = TokenBatch.leftPadded(tails, model.tokenizer().padId());
                    ForwardResult r =
                            p == 0
                                    ? model.forward(scope, batch, Interventions.none())
                                    : cache.forward(
                                            scope,
                                            Arrays.copyOf(splits.get(chunk.get(0)).shared(), p),
                                            batch);
                    read(r, splits, chunk, span(splits, chunk), out);
                }
                scored.accept(chunk.size());
            }
        }
    }

    /** Columns read from the end: the options' common tokens' predictions and the last one. */
    private static int span(List<ChoiceRanking.Split> splits, List<Integer> chunk) {
        int span = 1;
        for (int i : chunk) {
            span = Math.max(span, splits.get(i).prefixLength() + 1);
        }
        return span;
    }

    /** Option log-likelihoods of the {@code chunk}'s questions from the pass' last columns. */
    private static void read(
            ForwardResult r,
            List<ChoiceRanking.Split> splits,
            List<Integer> chunk,
            int span,
            double[][] out) {
        NDArray tail = r.logits().get(new NDIndex(":, -" + span + ":, :")); // (B, S, V)
        NDArray logp = tail.toType(DataType.FLOAT32, false).logSoftmax(2); // (B, S, V)
        float[] flat = logp.toFloatArray();
        int vocab = (int) logp.getShape().get(2);
        for (int b = 0; b < chunk.size(); b++) {
            ChoiceRanking.Split sp = splits.get(chunk.get(b));
            int k = sp.prefixLength();
            double common = 0; // log-likelihood of the tokens all options share
            for (int j = 0; j < k; j++) {
                common += flat[(b * span + span - 1 - k + j) * vocab + sp.options().get(0)[j]];
            }
            double[] scores = new double[sp.options().size()];
            for (int o = 0; o < scores.length; o++) {
                scores[o] = common + flat[(b * span + span - 1) * vocab + sp.options().get(o)[k]];
            }
            out[chunk.get(b)] = scores;
        }
    }
}
