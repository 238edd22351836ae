package dev.editgate.model;

/** Places inside a decoder layer where activations can be captured, added to or replaced. */
public enum SiteKind {
    /**
     * Input of the MLP's first projections (after the MLP's norm): what {@code gate_proj}/{@code
     * up_proj}, {@code c_fc}, {@code fc_in} or {@code dense_h_to_4h} multiply. Shape [B, T, H].
     */
    MLP_IN("mlp.in"),
    /**
     * Output of the gate projection ({@code gate_proj}), before the activation. Shape [B, T, I].
     */
    MLP_GATE("mlp.gate"),
    /**
     * Output of the up/input projection ({@code up_proj}, {@code c_fc}, {@code fc_in}, {@code
     * dense_h_to_4h}, with its bias), before the activation. Shape [B, T, I].
     */
    MLP_UP("mlp.up"),
    /**
     * Input of the MLP down/out projection ({@code mlp.down_proj}, {@code mlp.c_proj}, ...): ROME's
     * key. Shape [B, T, I].
     */
    MLP_KEY("mlp.key"),
    /** Output of the MLP block, before it joins the residual stream. Shape [B, T, H]. */
    MLP_OUT("mlp.out"),
    /**
     * Attention probabilities of every head (softmax of the masked scores, in the compute dtype),
     * as they multiply the values: transformers' eager {@code attn_weights}. Shape [B, N, T, S] (N
     * query heads, S key columns: past + T). A hook may replace them, e.g. by {@code A + Z} with a
     * zero Z that requires gradients, to read ∂L/∂A (label-word saliency).
     */
    ATTN_PROBS("attn.probs"),
    /** Output of the attention block, before it joins the residual stream. Shape [B, T, H]. */
    ATTN_OUT("attn.out"),
    /** The residual stream after the whole layer. Shape [B, T, H]. */
    RESID_POST("resid.post");

    private final String id;

    SiteKind(String id) {
        this.id = id;
    }

    /** The name used in YAML and logs, e.g. {@code mlp.key}. */
    public String id() {
        return id;
    }

    /** Parses {@link #id()}; the error lists what is accepted. */
    public static SiteKind parse(String id) {
        for (SiteKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown site '"
                        + id
                        + "'; accepted: mlp.in, mlp.gate, mlp.up, mlp.key, mlp.out, attn.probs,"
                        + " attn.out, resid.post");
    }
}
