package dev.editgate.bench.protocol;

import dev.editgate.bench.ItemProgress;
import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.PrefixCache;
import dev.editgate.model.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greedy generation for GEN protocols, batched. Prompts longer than the model's window lose their
 * oldest tokens (left truncation, as OpenCompass and lm-evaluation-harness do), and the output is
 * cut at the first stop string.
 */
public final class GreedyGeneration {
    private static final Logger LOG = LoggerFactory.getLogger(GreedyGeneration.class);

    private final LanguageModel model;
    private final int batchSize;

    public GreedyGeneration(LanguageModel model, int batchSize) {
        this.model = model;
        this.batchSize = Math.max(1, batchSize);
    }

    /** Continuation text of every prompt. */
    public List<String> generate(List<String> prompts, int maxNewTokens, List<String> stops) {
        return generate(prompts, maxNewTokens, stops, ItemProgress.NONE);
    }

    /** Continuation text of every prompt, reporting to {@code progress} after each batch. */
    public List<String> generate(
            List<String> prompts, int maxNewTokens, List<String> stops, ItemProgress progress) {
        return generate(prompts, maxNewTokens, stops, null, progress);
    }

    /**
     * As {@link #generate(List, int, List, ItemProgress)}, a row also stopping once {@code decided}
     * (null: never) holds for its text.
     */
    public List<String> generate(
            List<String> prompts,
            int maxNewTokens,
            List<String> stops,
            java.util.function.Predicate<String> decided,
            ItemProgress progress) {
        TextTokenizer tok = model.tokenizer();
        int window =
                model.config().maxPositions() > 1
                        ? model.config().maxPositions()
                        : Integer.MAX_VALUE;
        int newTokens = maxNewTokens;
        if (window != Integer.MAX_VALUE && newTokens > window / 2) {
            newTokens = Math.max(1, window / 2);
            LOG.warn(
                    "max_new_tokens {} capped to {}: the model's window is {} tokens",
                    maxNewTokens,
                    newTokens,
                    window);
        }
        GenerationConfig config =
                GenerationConfig.greedy(newTokens).withStop(stops).withUntil(decided);
        List<String> out = new ArrayList<>(prompts.size());
        // the exemplars every prompt starts with run once for all batches, not once per batch
        try (PrefixCache prefixes =
                PrefixCache.usable(model)
                        ? new PrefixCache(model, PrefixCache.DEFAULT_MAX_BYTES)
                        : null) {
            generateBatches(prompts, config, stops, progress, out, prefixes);
        }
        return out;
    }

    private void generateBatches(
            List<String> prompts,
            GenerationConfig config,
            List<String> stops,
            ItemProgress progress,
            List<String> out,
            PrefixCache prefixes) {
        TextTokenizer tok = model.tokenizer();
        int window =
                model.config().maxPositions() > 1
                        ? model.config().maxPositions()
                        : Integer.MAX_VALUE;
        int newTokens = config.maxNewTokens();
        for (int from = 0; from < prompts.size(); from += batchSize) {
            List<int[]> ids = new ArrayList<>();
            for (String p : prompts.subList(from, Math.min(prompts.size(), from + batchSize))) {
                int[] all = tok.encode(p);
                int keep =
                        window == Integer.MAX_VALUE ? all.length : Math.max(1, window - newTokens);
                ids.add(
                        all.length <= keep
                                ? all
                                : Arrays.copyOfRange(all, all.length - keep, all.length));
            }
            List<int[]> generated =
                    prefixes == null
                            ? model.generateIds(ids, config)
                            : model.generateIds(ids, config, prefixes);
            for (int[] gen : generated) {
                out.add(cutAtStop(tok.decode(gen), stops));
            }
            progress.scored(out.size(), prompts.size());
        }
    }

    /** {@code text} up to (not including) the earliest stop string. */
    public static String cutAtStop(String text, List<String> stops) {
        int cut = text.length();
        for (String s : stops) {
            int i = s.isEmpty() ? -1 : text.indexOf(s);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return text.substring(0, cut);
    }
}
