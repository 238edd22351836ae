package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.nn.KvCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched generation with a KV cache: one pass over the left-padded prompts, then one token per row
 * per step. Each row's next token is its {@link Sampler}'s: argmax over the logits when greedy
 * (first index on ties, as torch.argmax), else temperature, then top-p (smallest set of tokens
 * whose probability reaches p), with a generator seeded once per batch.
 */
final class Generation {
    /** Shorter common prefixes are not worth a separate pass. */
    static final int MIN_SHARED_PREFIX = 16;

    static final int MAX_BATCH_ROWS = 16;

    private final TransformerModel model;

    Generation(TransformerModel model) {
        this.model = model;
    }

    List<String> generate(List<String> prompts, GenerationConfig config) {
        TextTokenizer tk = model.tokenizer();
        List<int[]> ids = new ArrayList<>();
        for (String p : prompts) {
            ids.add(tk.encode(p));
        }
        List<int[]> out = generateIds(ids, config);
        List<String> texts = new ArrayList<>();
        for (int[] o : out) {
            texts.add(cutAtStop(tk.decode(o), config.stop()));
        }
        return texts;
    }

    List<int[]> generateIds(List<int[]> prompts, GenerationConfig config) {
        return generateIds(prompts, config, null);
    }

    /**
     * As {@link #generateIds(List, GenerationConfig)}; prefixes from {@code prefixes} (null: none).
     */
    List<int[]> generateIds(List<int[]> prompts, GenerationConfig config, PrefixCache prefixes) {
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < prompts.size(); start += MAX_BATCH_ROWS) {
            List<int[]> chunk =
                    prompts.subList(start, Math.min(prompts.size(), start + MAX_BATCH_ROWS));
            out.addAll(generateBatch(chunk, config, prefixes));
        }
        return out;
    }

    private List<int[]> generateBatch(
            List<int[]> prompts, GenerationConfig config, PrefixCache prefixes) {
        int b = prompts.size();
        List<List<Integer>> generated = new ArrayList<>();
        boolean[] done = new boolean[b];
        for (int i = 0; i < b; i++) {
            generated.add(new ArrayList<>());
            if (prompts.get(i).length + config.maxNewTokens() > model.config().maxPositions()) {
                throw new IllegalArgumentException(
                        "prompt #"
                                + i
                                + " of "
                                + prompts.get(i).length
                                + " tokens + "
                                + config.maxNewTokens()
                                + " new tokens exceeds the model's "
                                + model.config().maxPositions()
                                + " positions");
            }
        }
        if (config.maxNewTokens() == 0) {
            return toArrays(generated);
        }
        Sampler sampler = Sampler.of(config);
        int eos = model.tokenizer().eosId();
        // an adaptor (GRACE) decides at each prompt's last token what to change in the prompt, so
        // no prefix may run before it
        boolean cached = prefixes != null && fitsWindow(prompts, config);
        int shared =
                model.adaptorCount() > 0
                        ? 0
                        : cached ? prefixes.choose(prompts, 1) : sharedPrefix(prompts);
        List<int[]> rest = new ArrayList<>(b);
        for (int[] p : prompts) {
            rest.add(Arrays.copyOfRange(p, shared, p.length));
        }
        TokenBatch batch = TokenBatch.leftPadded(rest, model.tokenizer().padId());
        try (NDManager m = model.manager().newSubManager();
                KvCache cache =
                        cached && shared > 0
                                ? prefixes.rows(m, prompts.get(0), shared, b)
                                : new KvCache(m, model.numLayers())) {
            if (shared > 0 && !cached) {
                // the prompts' common prefix (few-shot exemplars) runs once; every row continues
                // from it
                TokenBatch prefix =
                        TokenBatch.leftPadded(List.of(Arrays.copyOf(prompts.get(0), shared)), 0);
                try (NDManager prefixScope = m.newSubManager()) {
                    model.pass(
                            prefixScope,
                            Pass.cached(
                                    prefix,
                                    prefix.ids(),
                                    TransformerModel.positions(prefix, 0),
                                    TransformerModel.masks(prefix),
                                    cache));
                }
                cache.repeatRows(b);
            }
            long[][] ids = batch.ids();
            long[][] pos = TransformerModel.positions(batch, shared);
            float[][] mask = TransformerModel.masks(batch);
            TokenBatch hookBatch = batch;
            for (int step = 0; step < config.maxNewTokens(); step++) {
                float[][] rows;
                try (NDManager stepScope = m.newSubManager()) {
                    NDArray logits =
                            model.pass(stepScope, Pass.cached(hookBatch, ids, pos, mask, cache))
                                    .logits(); // (B, 1, V)
                    long v = logits.getShape().get(2);
                    float[] flat =
                            logits.toType(DataType.FLOAT32, false).reshape(b, v).toFloatArray();
                    rows = new float[b][];
                    for (int i = 0; i < b; i++) {
                        rows[i] = Arrays.copyOfRange(flat, (int) (i * v), (int) ((i + 1) * v));
                    }
                }
                long[][] next = new long[b][1];
                for (int i = 0; i < b; i++) {
                    int tok = sampler.next(rows[i]);
                    next[i][0] = tok;
                    if (!done[i]) {
                        generated.get(i).add(tok);
                        if (tok == eos && eos >= 0) {
                            generated.get(i).remove(generated.get(i).size() - 1);
                            done[i] = true;
                        } else if (!config.stop().isEmpty()
                                && hitsStop(generated.get(i), config.stop())) {
                            done[i] = true;
                        } else if (config.until() != null
                                && config.until()
                                        .test(model.tokenizer().decode(generated.get(i)))) {
                            done[i] = true;
                        }
                    }
                }
                if (allDone(done)) {
                    break;
                }
                long[][] nextPos = new long[b][1];
                for (int i = 0; i < b; i++) {
                    nextPos[i][0] = prompts.get(i).length + step;
                }
                ids = next;
                pos = nextPos;
                mask = new float[b][1];
                for (float[] r : mask) {
                    r[0] = 1f;
                }
                int[] none = new int[b];
                Arrays.fill(none, TokenBatch.NO_QUERY); // a new token, not a prompt's last
                hookBatch = TokenBatch.leftPadded(singleTokens(next), 0).withQueries(none);
            }
        }
        return toArrays(generated);
    }

    /**
     * Length of the token prefix all prompts share, when worth computing once: a batch of two or
     * more, at least {@link #MIN_SHARED_PREFIX} tokens, and at least one token of every prompt left
     * for the batched pass (its last position gives the first new token); else 0.
     */
    static int sharedPrefix(List<int[]> prompts) {
        if (prompts.size() < 2) {
            return 0;
        }
        int n = Integer.MAX_VALUE;
        for (int[] p : prompts) {
            n = Math.min(n, p.length - 1);
        }
        int[] first = prompts.get(0);
        int common = 0;
        while (common < n) {
            int t = first[common];
            boolean all = true;
            for (int[] p : prompts) {
                if (p[common] != t) {
                    all = false;
                    break;
                }
            }
            if (!all) {
                break;
            }
            common++;
        }
        return common >= MIN_SHARED_PREFIX ? common : 0;
    }

    /** Whether prompt and new tokens stay inside a sliding window (a cached prefix's condition). */
    private boolean fitsWindow(List<int[]> prompts, GenerationConfig config) {
        int window = model.config().slidingWindow();
        int widest = 0;
        for (int[] p : prompts) {
            widest = Math.max(widest, p.length);
        }
        return window <= 0 || widest + config.maxNewTokens() <= window;
    }

    private boolean hitsStop(List<Integer> tokens, List<String> stop) {
        String text = model.tokenizer().decode(tokens);
        for (String s : stop) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    static String cutAtStop(String text, List<String> stop) {
        int cut = text.length();
        for (String s : stop) {
            int i = text.indexOf(s);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return text.substring(0, cut);
    }

    private static List<int[]> singleTokens(long[][] next) {
        List<int[]> out = new ArrayList<>();
        for (long[] r : next) {
            out.add(new int[] {(int) r[0]});
        }
        return out;
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    private static List<int[]> toArrays(List<List<Integer>> lists) {
        List<int[]> out = new ArrayList<>();
        for (List<Integer> l : lists) {
            out.add(l.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
