package dev.editgate.edit.mend;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.nn.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of MEND's meta-objective on a batch of training records (the reference's {@code
 * EditTrainer.edit_step}): edit the model with the hypernetwork from the prompt and target, then
 * measure the edited model on the rephrase (edit loss: target NLL) and on the records' unrelated
 * locality prompts (KL from the unedited model's predictions of the locality answer), {@code loss =
 * cedit · l_edit + cloc · l_loc}. In training the loss is differentiated into the hypernetwork and
 * the edit learning rates; the base model's weights never change (the edit is applied by
 * interventions, {@link MatrixUpdate#asHooks}).
 *
 * <p>Figures use the reference's names: {@code loss/edit}, {@code loss/loc}, {@code edit/acc}
 * (token accuracy of the target on the rephrase after the edit, EasyEdit's edit success), {@code
 * edit/log_prob}, {@code edit/prob}, {@code acc/pre}, {@code acc/post} (locality answer token
 * accuracy before and after), {@code nll/pre}, {@code nll/post}, {@code loss/total_edit}, {@code
 * time/edit}.
 */
final class MendStep {
    private MendStep() {}

    /**
     * What one step gave.
     *
     * @param info the step's figures by name
     * @param gradients per {@link MendNetwork#parameters()}, on the caller's manager; null outside
     *     training
     */
    record Result(Map<String, Double> info, List<NDArray> gradients) {}

    /** The three batches of a step: edit (prompt + target), rephrase + target, locality. */
    record Batches(TargetBatch edit, TargetBatch rephrase, TargetBatch locality) {
        static Batches of(LanguageModel model, List<EditRequest> records) {
            var tok = model.tokenizer();
            List<String> prompts = new ArrayList<>();
            List<String> rephrases = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            List<String> loc = new ArrayList<>();
            List<String> locAnswers = new ArrayList<>();
            for (EditRequest r : records) {
                prompts.add(r.prompt());
                rephrases.add(r.rephrase());
                targets.add(r.target());
                loc.add(r.localityPrompt());
                locAnswers.add(r.localityAnswer());
            }
            return new Batches(
                    TargetBatch.of(tok, prompts, targets),
                    TargetBatch.of(tok, rephrases, targets),
                    TargetBatch.of(tok, loc, locAnswers));
        }
    }

    static Result run(
            LanguageModel model,
            MendNetwork net,
            Batches batches,
            boolean training,
            double cedit,
            double cloc,
            NDManager gradients) {
        int first = net.matrices.stream().mapToInt(MendMatrix::layer).min().orElseThrow();
        Map<String, Double> info = new LinkedHashMap<>();
        try (NDManager scope = model.manager().newSubManager()) {
            TargetBatch loc = batches.locality();
            Interventions keep = Interventions.create();
            Site entering = first > 0 ? Site.residPost(first - 1) : null;
            if (entering != null) {
                keep.capture(entering);
            }
            ForwardResult base = model.forward(scope, loc.tokens, keep);
            NDArray pre = loc.picked(base.logits(), scope); // (N_loc, V), the unedited model
            NDArray resid = entering == null ? null : base.captured(entering);

            long start = System.nanoTime();
            GradientFactors factors = GradientFactors.compute(model, net.matrices, batches.edit());
            List<NDArray> grads = null;
            if (training) {
                net.freshLeaves();
            }
            try (GradientCollector gc =
                    training ? Engine.getInstance().newGradientCollector() : null) {
                List<MatrixUpdate> updates = net.transform(factors, training, scope);
                info.put("time/edit", (System.nanoTime() - start) / 1e9);

                TargetBatch re = batches.rephrase();
                ForwardResult edited =
                        model.forward(
                                scope,
                                re.tokens,
                                MatrixUpdate.asHooks(updates, Interventions.create()));
                NDArray post = re.picked(edited.logits(), scope); // (N_re, V)
                NDArray logp = re.logProbs(post, scope);
                NDArray lEdit = logp.mean().neg();

                Interventions hooks = MatrixUpdate.asHooks(updates, Interventions.create());
                ForwardResult after =
                        entering == null
                                ? model.forward(scope, loc.tokens, hooks)
                                : model.forwardFrom(scope, loc.tokens, first, resid, hooks);
                NDArray postLoc = loc.picked(after.logits(), scope);
                NDArray lLoc = klLoc(pre, postLoc);
                NDArray total = times(lEdit, cedit).add(times(lLoc, cloc));

                info.put("loss/edit", (double) lEdit.getFloat());
                info.put("loss/loc", (double) lLoc.getFloat());
                info.put("edit/acc", re.accuracy(post));
                info.put("edit/log_prob", (double) logp.mean().getFloat());
                info.put("edit/prob", (double) logp.exp().mean().getFloat());
                info.put("acc/pre", loc.accuracy(pre));
                info.put("acc/post", loc.accuracy(postLoc));
                info.put("nll/pre", (double) -loc.logProbs(pre, scope).mean().getFloat());
                info.put("nll/post", (double) -loc.logProbs(postLoc, scope).mean().getFloat());
                info.put("loss/total", (double) total.getFloat());
                info.put("loss/total_edit", (double) total.getFloat());
                info.put("loss/pre_edit", factors.loss);
                if (gc != null) {
                    gc.backward(total);
                    grads = new ArrayList<>();
                    for (Parameter p : net.parameters()) {
                        NDArray g = p.value.getGradient();
                        NDArray copy = g.duplicate();
                        copy.attach(gradients);
                        g.close();
                        grads.add(copy);
                    }
                }
            }
            return new Result(info, grads);
        }
    }

    /** {@code c · x} computed in x's dtype, as torch multiplies a float32 tensor by a number. */
    private static NDArray times(NDArray x, double c) {
        return x.mul(Scalars.of(x, c).toType(x.getDataType(), false));
    }

    /**
     * The reference's {@code kl_loc_loss}: mean over positions of KL(pre ‖ post).
     *
     * @param pre [N, V] logits of the unedited model (constant)
     * @param post [N, V] logits of the edited model
     */
    static NDArray klLoc(NDArray pre, NDArray post) {
        NDArray p = pre.stopGradient();
        NDArray kl =
                p.softmax(-1).mul(p.logSoftmax(-1).sub(post.logSoftmax(-1))).sum(new int[] {-1});
        return kl.mean();
    }
}
