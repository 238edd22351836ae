package dev.editgate.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.weights.WeightStore;
import java.util.List;

/**
 * A causal language model loaded from a Hugging Face folder: tokenize, run forward passes with
 * {@link Interventions}, score continuations, generate, and reach its weights by their Hugging Face
 * names.
 *
 * <p>Arrays returned by {@link #forward} are attached to the manager the caller passes, so the
 * caller decides their lifetime: {@code try (NDManager m = model.manager().newSubManager()) {...}}.
 *
 * <p><b>Adaptors</b> are hooks installed into every later forward pass (GRACE's codebook). They are
 * not weights: they leave {@link WeightStore#contentHash()} unchanged, and {@link #clearAdaptors()}
 * removes them all.
 */
public interface LanguageModel extends AutoCloseable {

    ModelConfig config();

    TextTokenizer tokenizer();

    /** The model's tensors by Hugging Face name, editable in place. */
    WeightStore weights();

    /** The manager owning the weights; make sub-managers of it for temporary arrays. */
    NDManager manager();

    Device device();

    /** Compute dtype of weights and activations. */
    DataType dtype();

    int numLayers();

    /** Runs the batch; arrays of the result are attached to {@code scope}. */
    ForwardResult forward(NDManager scope, TokenBatch batch, Interventions interventions);

    /**
     * Runs layers {@code layer}..N−1 only, from {@code input} [B, T, H]: the residual stream
     * entering {@code layer} for this same batch, as an earlier {@link #forward} captured it at
     * {@link Site#residPost(int) resid.post} of layer − 1. The result is what {@link #forward}
     * gives when nothing below {@code layer} differs, without recomputing the layers below (an
     * editor's value optimisation runs the same prompts many times with a change at one layer).
     * Hooks and captures at sites below {@code layer} are rejected: they would never run.
     */
    ForwardResult forwardFrom(
            NDManager scope,
            TokenBatch batch,
            int layer,
            NDArray input,
            Interventions interventions);

    /**
     * Freezes the first {@code columns} columns of {@code batch} for passes from {@code layer} on
     * ({@link #forwardAfter}): runs layers {@code layer}..N−1 over them once, from {@code input}
     * [B, T, H] (the residual stream entering {@code layer} for this batch, as {@link #forwardFrom}
     * takes it), and keeps their keys and values. Its arrays live in {@code scope} until the prefix
     * is closed. Refused while adaptors are installed (they see whole rows).
     */
    FrozenPrefix freezePrefix(
            NDManager scope, TokenBatch batch, int layer, NDArray input, int columns);

    /**
     * What {@link #forwardFrom} gives at the columns after the frozen ones, when nothing in the
     * frozen columns differs: only those columns run, attending to the frozen keys and values.
     * Interventions address the pass's own columns (batch column j is column j − {@code
     * prefix.columns()} here; captures are [B, T − C, W]); logits are computed at {@code logitRows}
     * only, rows of the flattened [B·(T − C)] columns, as [1, N, V] (null: every column, [B, T − C,
     * V]).
     */
    ForwardResult forwardAfter(
            NDManager scope, FrozenPrefix prefix, Interventions interventions, long[] logitRows);

    /**
     * Log-likelihood of each continuation given its context, batched. Tokenisation follows
     * lm-evaluation-harness: the context is encoded with special tokens, the continuation's tokens
     * are those of {@code encode(context + continuation)} past the context's tokens.
     */
    List<ContinuationScore> score(List<String> contexts, List<String> continuations);

    /** As {@link #score}, on token ids; each context must be non-empty. */
    List<ContinuationScore> scoreIds(List<int[]> contexts, List<int[]> continuations);

    /** Generated text after each prompt (prompt encoded with special tokens), batched. */
    List<String> generate(List<String> prompts, GenerationConfig config);

    /** Generated token ids after each prompt, batched with a KV cache. */
    List<int[]> generateIds(List<int[]> prompts, GenerationConfig config);

    /**
     * As {@link #generateIds(List, GenerationConfig)}, each batch's common prefix (few-shot
     * exemplars) taken from {@code prefixes}, or computed and kept there for later batches.
     */
    List<int[]> generateIds(List<int[]> prompts, GenerationConfig config, PrefixCache prefixes);

    /**
     * Layer {@code layer}'s MLP output projection (the matrix editors rewrite), named by the
     * model's family as its checkpoint stores it.
     */
    MlpOutput mlpOutput(int layer);

    /**
     * Perplexity of {@code text} with a sliding window of {@code window} tokens moved by {@code
     * stride} (Hugging Face's strided perplexity: each token is scored once, with up to {@code
     * window - 1} tokens of context).
     */
    Perplexity perplexity(String text, int window, int stride);

    /** Installs a hook that runs in every later forward pass until removed. */
    AdaptorHandle addAdaptor(Site site, ActivationHook hook);

    /** Removes every adaptor. */
    void clearAdaptors();

    /** Number of adaptors installed. */
    int adaptorCount();

    @Override
    void close();

    /** Removes one adaptor. */
    interface AdaptorHandle extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Result of {@link #perplexity}: exp of the mean negative log-likelihood over the scored
     * tokens.
     */
    record Perplexity(double value, double nllSum, long tokens) {}
}
