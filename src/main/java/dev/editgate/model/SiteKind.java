package dev.editgate.model;

/** Places inside a decoder layer where activations can be captured, added to or replaced. */
public enum SiteKind {
    /**
     * Input of the MLP down/out projection ({@code mlp.down_proj}, {@code mlp.c_proj}, ...): ROME's
     * key. Shape [B, T, I].
     */
    MLP_KEY("mlp.key"),
    /** Output of the MLP block, before it joins the residual stream. Shape [B, T, H]. */
    MLP_OUT("mlp.out"),
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
                "unknown site '" + id + "'; accepted: mlp.key, mlp.out, attn.out, resid.post");
    }
}
