package dev.editgate.bench.protocol;

import dev.editgate.bench.ItemProgress;
import dev.editgate.model.ContinuationScore;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.PrefixCache;
import dev.editgate.model.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Perplexity ranking of a question's options: the log-likelihood of each option's continuation
 * given the shared prompt (OpenCompass' PPL inferencer; all options share the prompt, so ranking by
 * summed log-likelihood ranks by perplexity when options have equal length).
 *
 * <p>Tokenisation follows lm-evaluation-harness: the option's tokens are those of {@code
 * encode(context + continuation)} past the context's tokens. Contexts longer than the model's
 * window lose their oldest tokens.
 *
 * <p>{@link Mode#SHARED} runs each context once and reads every single-token option from the last
 * position's distribution; options of several tokens (or whose tokenisation changes the context's
 * last token) fall back to {@link Mode#PLAIN} for that question: one row per option. With a prefix
 * cache, the questions are batched by their common prefix ({@link PrefixGroups}) and each batch
 * continues the cached prefix's keys and values; log-likelihoods equal those of whole contexts up
 * to float rounding.
 */
public final class ChoiceRanking {

    /** How the options are scored. */
    public enum Mode {
        /** One sequence per (context, option) pair, batched through {@code scoreIds}. */
        PLAIN,
        /**
         * The context once per question, single-token options read from its last position, and the
         * questions' common few-shot prefix (their exemplars) computed once per scoring call and
         * reused by every batch that starts with it ({@link PrefixCache}).
         */
        SHARED,
        /** As {@link #SHARED} without the prefix cache: every context runs whole. */
        SHARED_UNCACHED
    }

    /** A question: the shared prompt and one continuation per option. */
    public record Question(String context, List<String> continuations) {}

    private final LanguageModel model;
    private final int batchSize;
    private ItemProgress progress = ItemProgress.NONE;
    private int done;
    private int total;
    private int lastHits;
    private int lastMisses;

    public ChoiceRanking(LanguageModel model, int batchSize) {
        this.model = model;
        this.batchSize = Math.max(1, batchSize);
    }

    /** Log-likelihood of every option of every question, {@code [question][option]}. */
    public List<double[]> score(List<Question> questions, Mode mode) {
        return score(questions, mode, ItemProgress.NONE);
    }

    /** As {@link #score(List, Mode)}, reporting questions scored to {@code progress}. */
    public List<double[]> score(List<Question> questions, Mode mode, ItemProgress progress) {
        this.progress = progress;
        this.done = 0;
        this.total = questions.size();
        List<Split> splits = new ArrayList<>(questions.size());
        for (Question q : questions) {
            splits.add(split(q));
        }
        double[][] out = new double[questions.size()][];
        List<Integer> shared = new ArrayList<>();
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            (mode != Mode.PLAIN && splits.get(i).sharable() ? shared : plain).add(i);
        }
        SharedContextScoring sharedScoring =
                new SharedContextScoring(
                        model,
                        batchSize,
                        n -> {
                            done += n;
                            progress.scored(done, total);
                        });
        if (mode == Mode.SHARED && PrefixCache.usable(model)) {
            try (PrefixCache cache = new PrefixCache(model, PrefixCache.DEFAULT_MAX_BYTES)) {
                sharedScoring.scoreCached(splits, shared, out, cache);
                lastHits = cache.hits();
                lastMisses = cache.misses();
            }
        } else {
            sharedScoring.scoreWhole(splits, shared, out);
        }
        scorePlain(splits, plain, out);
        return Arrays.asList(out);
    }

    /** Index of the highest value (the first on ties). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Harness split of one question: per option its context ids and continuation ids (truncated to
     * the window). When every option's split agrees on the context and the options' tokens differ
     * only in their last token (" A" .. " D" under a sentencepiece vocabulary: one token; under a
     * byte-level one: a shared space, then the letter), {@code shared} is the context plus that
     * common {@code prefix} of {@code prefixLength} tokens, which one pass scores for all.
     */
    record Split(List<int[]> contexts, List<int[]> options, int[] shared, int prefixLength) {
        boolean sharable() {
            return shared != null;
        }
    }

    /**
     * Tokens all options of {@code q} share before their distinct last token, when the shared mode
     * scores {@code q} from one pass; -1 when it falls back to one sequence per option.
     */
    public int sharedPrefixLength(Question q) {
        Split s = split(q);
        return s.sharable() ? s.prefixLength() : -1;
    }

    Split split(Question q) {
        TextTokenizer tok = model.tokenizer();
        int ctxLength = tok.encode(q.context()).length;
        List<int[]> ctxs = new ArrayList<>();
        List<int[]> conts = new ArrayList<>();
        boolean agree = true;
        for (String c : q.continuations()) {
            int[] whole = tok.encode(q.context() + c);
            int n = Math.min(ctxLength, whole.length - 1);
            int[] cont = Arrays.copyOfRange(whole, n, whole.length);
            int[] ctx = truncate(Arrays.copyOf(whole, n), window() - cont.length);
            agree &= ctxs.isEmpty() || Arrays.equals(ctxs.get(0), ctx);
            ctxs.add(ctx);
            conts.add(cont);
        }
        int k = conts.get(0).length - 1;
        for (int[] c : conts) {
            agree &= c.length == k + 1 && Arrays.equals(c, 0, k, conts.get(0), 0, k);
        }
        if (!agree) {
            return new Split(ctxs, conts, null, 0);
        }
        int[] shared = Arrays.copyOf(ctxs.get(0), ctxs.get(0).length + k);
        System.arraycopy(conts.get(0), 0, shared, ctxs.get(0).length, k);
        return new Split(ctxs, conts, shared, k);
    }

    private int window() {
        int w = model.config().maxPositions();
        return w > 1 ? w : Integer.MAX_VALUE;
    }

    private static int[] truncate(int[] ids, int max) {
        int keep = Math.max(1, max);
        return ids.length <= keep ? ids : Arrays.copyOfRange(ids, ids.length - keep, ids.length);
    }

    /** Prefix-cache lookups of the last {@link Mode#SHARED} call: answered, computed. */
    public int[] lastPrefixLookups() {
        return new int[] {lastHits, lastMisses};
    }

    /** Batches hold the option rows of {@code batchSize} questions, as in the shared mode. */
    private void scorePlain(List<Split> splits, List<Integer> which, double[][] out) {
        for (int from = 0; from < which.size(); from += batchSize) {
            List<int[]> ctxs = new ArrayList<>();
            List<int[]> conts = new ArrayList<>();
            List<int[]> owner = new ArrayList<>(); // (question, option)
            for (int i : which.subList(from, Math.min(which.size(), from + batchSize))) {
                Split s = splits.get(i);
                out[i] = new double[s.options().size()];
                for (int o = 0; o < s.options().size(); o++) {
                    ctxs.add(s.contexts().get(o));
                    conts.add(s.options().get(o));
                    owner.add(new int[] {i, o});
                }
            }
            List<ContinuationScore> scores = model.scoreIds(ctxs, conts);
            for (int k = 0; k < owner.size(); k++) {
                out[owner.get(k)[0]][owner.get(k)[1]] = scores.get(k).sum();
            }
            done += Math.min(batchSize, which.size() - from);
            progress.scored(done, total);
        }
    }
}
