package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;

/**
 * The unedited pass of a {@link ValueOptimization}.
 *
 * @param value [D] v₀: the site's output at the first rewriting prompt's fact token
 * @param klLogp [1, V] log-probabilities at the KL prompt's fact token
 * @param entering [B, T, H] the residual stream entering the edited layer (nothing below it depends
 *     on δ: the steps start there), or null at layer 0
 */
record Pristine(NDArray value, NDArray klLogp, NDArray entering) {

    /** The whole unedited pass (the plain way): every layer, logits everywhere. */
    static Pristine whole(
            LanguageModel model, Site site, ValuePrompts prompts, NDArray klIdx, NDManager work) {
        int from = site.layer();
        Site below = from > 0 ? Site.residPost(from - 1) : null;
        NDArray entering = null; // [B, T, H]
        try (NDManager scope = work.newSubManager()) {
            Interventions capture = Interventions.create().capture(site);
            if (below != null) {
                capture.capture(below);
            }
            ForwardResult r = model.forward(scope, prompts.batch(), capture);
            if (below != null) {
                entering = r.captured(below).stopGradient();
                entering.attach(work);
            }
            NDArray act = r.captured(site); // [B, T, D]
            NDArray initial =
                    act.get(new NDIndex("0, {}", prompts.columns()[0]))
                            .stopGradient()
                            .toType(DataType.FLOAT32, false); // [D]
            NDArray logits = r.logits().reshape(-1, r.logits().getShape().get(2)); // [B*T, V]
            NDArray klInit =
                    logits.get(new NDIndex("{}", klIdx))
                            .toType(DataType.FLOAT32, false)
                            .logSoftmax(-1)
                            .stopGradient(); // [1, V]
            initial.attach(work);
            klInit.attach(work);
            return new Pristine(initial, klInit, entering);
        }
    }

    /**
     * [B, T, H] the residual stream entering the site's layer: the layers below it only (nothing
     * there depends on δ), exactly as the whole pass computes them.
     */
    static NDArray entering(LanguageModel model, Site site, ValuePrompts prompts, NDManager work) {
        Site below = Site.residPost(site.layer() - 1);
        try (NDManager scope = work.newSubManager()) {
            Interventions capture = Interventions.create().capture(below).stopAfter(below.layer());
            NDArray entering = model.forward(scope, prompts.batch(), capture).captured(below);
            entering = entering.stopGradient();
            entering.attach(work);
            return entering;
        }
    }
}
