package dev.editgate.edit.mend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hypernetwork's architecture, as the reference's {@code mend} config: {@code n_hidden} hidden
 * layers (each transform has {@code n_hidden + 1} low-rank layers), {@code rank} (capped at the
 * transform's width), input normalisation on or off, and the initial edit learning rate. The
 * published architecture is fixed: {@code combine: true} (one network over [u; δ]), {@code shared:
 * true} (one network per matrix shape, with per-matrix modes), {@code init: id}, {@code mlp_class:
 * IDMLP}, {@code act: relu}.
 */
record MendConfig(int nHidden, int rank, boolean norm, double editLr) {

    /** The published settings (EasyEdit's MEND training files). */
    static final MendConfig PUBLISHED = new MendConfig(1, 1920, true, 1e-4);

    MendConfig {
        if (nHidden < 0 || rank < 1 || !Double.isFinite(editLr)) {
            throw new IllegalArgumentException(
                    "mend: n_hidden >= 0, rank >= 1 and a finite edit_lr are required; got n_hidden "
                            + nHidden
                            + ", rank "
                            + rank
                            + ", edit_lr "
                            + editLr);
        }
    }

    /** The reference's config keys and values, for the archive's JSON. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mlp_class", "IDMLP");
        m.put("init", "id");
        m.put("act", "relu");
        m.put("combine", true);
        m.put("shared", true);
        m.put("one_sided", false);
        m.put("x_only", false);
        m.put("delta_only", false);
        m.put("n_hidden", nHidden);
        m.put("rank", rank);
        m.put("norm", norm);
        m.put("edit_lr", editLr);
        return m;
    }
}
