package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import dev.editgate.model.nn.KvCache;

/**
 * What one pass of {@link TransformerModel} runs over: new tokens, where they sit, the cache they
 * extend and the interventions applied (dimensions as in the package legend: B batch rows, T new
 * tokens, H hidden size).
 *
 * @param hookBatch the batch hooks see (the columns of this pass)
 * @param ids [B][T] tokens of this pass
 * @param positions [B][T] their positions
 * @param newMask [B][T] 1 for real tokens
 * @param cache past keys/values, extended by this pass; null for none
 * @param interventions hooks and captures
 * @param lastOnly compute logits at the last column only ([B, 1, V])
 * @param startLayer the first layer to run (0: all)
 * @param start [B, T, H] the residual stream entering {@code startLayer}; null: the embeddings
 * @param logitRows rows of the flattened [B·T] columns to compute logits at ([1, N, V]); null: as
 *     {@code lastOnly} says
 */
record Pass(
        TokenBatch hookBatch,
        long[][] ids,
        long[][] positions,
        float[][] newMask,
        KvCache cache,
        Interventions interventions,
        boolean lastOnly,
        int startLayer,
        NDArray start,
        long[] logitRows) {

    /** Every layer over {@code batch} from its first column, no cache, logits at every column. */
    static Pass of(TokenBatch batch, Interventions interventions) {
        return new Pass(
                batch,
                batch.ids(),
                TransformerModel.positions(batch, 0),
                TransformerModel.masks(batch),
                null,
                interventions,
                false,
                0,
                null,
                null);
    }

    /**
     * Generation's pass: {@code ids} at {@code positions} extend {@code cache}, logits at the last
     * column only, no interventions.
     */
    static Pass cached(
            TokenBatch hookBatch,
            long[][] ids,
            long[][] positions,
            float[][] newMask,
            KvCache cache) {
        return new Pass(
                hookBatch,
                ids,
                positions,
                newMask,
                cache,
                Interventions.none(),
                true,
                0,
                null,
                null);
    }

    /** This pass with logits at {@code rows} of the flattened [B·T] columns only ([1, N, V]). */
    Pass withLogitRows(long[] rows) {
        return new Pass(
                hookBatch,
                ids,
                positions,
                newMask,
                cache,
                interventions,
                false,
                startLayer,
                start,
                rows);
    }

    /** This pass from {@code layer}, whose input is {@code input} ([B, T, H]) instead. */
    Pass from(int layer, NDArray input) {
        return new Pass(
                hookBatch,
                ids,
                positions,
                newMask,
                cache,
                interventions,
                lastOnly,
                layer,
                input,
                logitRows);
    }
}
