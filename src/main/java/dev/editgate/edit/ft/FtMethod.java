package dev.editgate.edit.ft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.editgate.edit.Adam;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditException;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTokens;
import dev.editgate.edit.EditTransaction;
import dev.editgate.edit.MlpProjection;
import dev.editgate.edit.TargetPositions;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Constrained fine-tuning (FT-L; Zhu et al. 2020, as the ROME paper's baseline and EasyEdit's
 * {@code FT}): Adam on the MLP output projection of the chosen layers, the change of every entry
 * kept within ±{@code norm_constraint}.
 *
 * <p>The change ΔW [H, I] (and Δb [H]) is trained as an intervention: at {@code Site.mlpOut(l)} the
 * pass adds {@code k ΔWᵀ + Δb} with k the same pass's {@code Site.mlpKey(l)}, which is exactly the
 * forward pass with {@code W + ΔW}; the result is then written into the weights.
 */
final class FtMethod implements EditMethod {
    private final FtHyperparameters hp;

    FtMethod(FtHyperparameters hp) {
        this.hp = hp;
    }

    @Override
    public String name() {
        return "ft";
    }

    /** {@inheritDoc} FT-L writes MLP matrices and keeps nothing between edits. */
    @Override
    public boolean keepsStateInWeights() {
        return true;
    }

    @Override
    public AppliedEdit apply(LanguageModel model, List<EditRequest> batch) {
        EditTransaction.validate(name(), batch, false);
        List<MlpProjection> projs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int l : hp.layers()) {
            MlpProjection p = MlpProjection.of(model, l);
            projs.add(p);
            names.add(p.weightName());
            if (p.hasBias(model)) {
                names.add(p.biasName());
            }
        }
        return EditTransaction.run(
                model,
                name(),
                names,
                () -> {
                    try (NDManager scope = model.manager().newSubManager()) {
                        return train(model, batch, projs, names, scope);
                    }
                });
    }

    /**
     * The scored prompts: each prompt (with all but the last target token under {@code
     * target_new}), its target tokens and their weights (1 / |target| / batch size each).
     */
    private record Prompts(TokenBatch batch, TargetPositions targets, float[] weights) {}

    private Prompts prompts(LanguageModel model, List<EditRequest> batch) {
        var tok = model.tokenizer();
        boolean teacherForced = hp.objective().equals("target_new");
        List<int[]> seqs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        List<Integer> promptLens = new ArrayList<>();
        for (EditRequest r : batch) {
            int[] p = tok.encode(r.prompt());
            int[] t = EditTokens.target(tok, r.prompt(), r.target());
            targets.add(t);
            promptLens.add(p.length);
            seqs.add(
                    teacherForced
                            ? EditTokens.concat(p, java.util.Arrays.copyOf(t, t.length - 1))
                            : p);
        }
        TokenBatch tb = TokenBatch.leftPadded(seqs, tok.padId());
        TargetPositions positions = new TargetPositions(tb);
        List<Float> weights = new ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            int[] t = targets.get(b);
            if (teacherForced) {
                positions.teacherForced(b, promptLens.get(b), t);
            } else {
                positions.atPromptEnd(b, promptLens.get(b), t);
            }
            for (int j = 0; j < t.length; j++) {
                weights.add(1f / t.length / batch.size());
            }
        }
        float[] w = new float[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
        }
        return new Prompts(tb, positions, w);
    }

    /** Adam on ΔW (and Δb) of every layer until the loss is below 1e-2 or the steps are spent. */
    private AppliedEdit train(
            LanguageModel model,
            List<EditRequest> batch,
            List<MlpProjection> projs,
            List<String> names,
            NDManager scope) {
        Prompts prompts = prompts(model, batch);
        TargetPositions.Indices targets = prompts.targets().indices(scope);
        NDArray tokW = scope.create(prompts.weights()).reshape(-1, 1);

        int n = projs.size();
        NDArray[] dW = new NDArray[n];
        NDArray[] dB = new NDArray[n];
        Adam[] optW = new Adam[n];
        Adam[] optB = new Adam[n];
        for (int i = 0; i < n; i++) {
            long h = model.config().hiddenSize();
            long in = model.config().intermediateSize();
            dW[i] = scope.zeros(new Shape(h, in), DataType.FLOAT32); // [H, I]
            dB[i] = scope.zeros(new Shape(h), DataType.FLOAT32); // [H]
            optW[i] = new Adam(hp.lr(), hp.weightDecay());
            optB[i] = new Adam(hp.lr(), hp.weightDecay());
        }
        boolean bias = projs.get(0).hasBias(model);
        double loss = Double.NaN;
        int step = 0;
        for (; step < hp.steps(); step++) {
            try (NDManager it = scope.newSubManager()) {
                Interventions iv = changes(dW, dB, bias);
                NDArray[] gW = new NDArray[n];
                NDArray[] gB = new NDArray[n];
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    ForwardResult r = model.forward(it, prompts.batch(), iv);
                    NDArray total = targets.logProbs(r).mul(tokW).sum().neg();
                    loss = total.toType(DataType.FLOAT64, false).getDouble();
                    if (!Double.isFinite(loss)) {
                        throw new EditException(
                                "ft: non-finite loss ("
                                        + loss
                                        + ") at step "
                                        + step
                                        + " for \""
                                        + batch.get(0).prompt()
                                        + "\"");
                    }
                    if (loss < 1e-2) {
                        break;
                    }
                    gc.backward(total);
                    for (int i = 0; i < n; i++) {
                        gW[i] = dW[i].getGradient().duplicate();
                        gB[i] = dB[i].getGradient().duplicate();
                        gW[i].attach(it);
                        gB[i].attach(it);
                    }
                }
                for (int i = 0; i < n; i++) {
                    dW[i] = replace(dW[i], constrain(optW[i].step(dW[i], gW[i])));
                    if (bias) {
                        dB[i] = replace(dB[i], constrain(optB[i].step(dB[i], gB[i])));
                    }
                }
            }
        }
        write(model, projs, dW, dB, bias, scope);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("layers", hp.layers());
        details.put("loss", loss);
        details.put("steps", step);
        return new AppliedEdit(names, details);
    }

    /**
     * The changes as interventions: at {@code Site.mlpOut(l)} the pass adds {@code k ΔWᵀ + Δb},
     * with k the same pass's {@code Site.mlpKey(l)}; ΔW and Δb require gradients.
     */
    private Interventions changes(NDArray[] dW, NDArray[] dB, boolean bias) {
        Interventions iv = Interventions.create();
        for (int i = 0; i < dW.length; i++) {
            dW[i].setRequiresGradient(true);
            dB[i].setRequiresGradient(true);
            NDArray[] key = new NDArray[1];
            NDArray wi = dW[i];
            NDArray bi = dB[i];
            int layer = hp.layers().get(i);
            iv.hook(
                    Site.mlpKey(layer),
                    (s, a, tbatch) -> {
                        key[0] = a; // [B, T, I]
                        return a;
                    });
            iv.hook(
                    Site.mlpOut(layer),
                    (s, a, tbatch) -> {
                        NDArray add =
                                key[0].matMul(
                                        wi.transpose().toType(a.getDataType(), false)); // [B, T, H]
                        if (bias) {
                            add = add.add(bi.toType(a.getDataType(), false));
                        }
                        return a.add(add);
                    });
        }
        return iv;
    }

    /** The trained changes into the weights: W += ΔW (and b += Δb) of every layer. */
    private static void write(
            LanguageModel model,
            List<MlpProjection> projs,
            NDArray[] dW,
            NDArray[] dB,
            boolean bias,
            NDManager scope) {
        for (int i = 0; i < dW.length; i++) {
            NDArray d = dW[i].stopGradient();
            projs.get(i).addInPlace(model, d.toType(model.dtype(), false));
            if (bias) {
                String b = projs.get(i).biasName();
                try (NDManager tmp = scope.newSubManager()) {
                    NDArray cur = model.weights().get(b);
                    NDArray sum = cur.add(dB[i].stopGradient().toType(cur.getDataType(), false));
                    sum.attach(tmp);
                    model.weights().set(b, sum);
                }
            }
        }
    }

    /** Frees {@code old} (large for big layers) and returns {@code next}. */
    private static NDArray replace(NDArray old, NDArray next) {
        if (next != old) {
            old.close();
        }
        return next;
    }

    private NDArray constrain(NDArray delta) {
        if (hp.normConstraint() <= 0) {
            return delta;
        }
        NDArray clipped = delta.clip(-hp.normConstraint(), hp.normConstraint());
        delta.close();
        return clipped;
    }
}
