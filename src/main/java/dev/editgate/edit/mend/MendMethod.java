package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.EditTransaction;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MEND editing (Mitchell et al., ICLR 2022) with a trained archive: one forward and backward pass
 * of the target's NLL after the prompt gives each edited matrix's gradient factors, the
 * hypernetwork transforms them, and {@code W ← W + lr · Σ δ̃ ũᵀ} is written through {@link
 * dev.editgate.model.weights.WeightStore#set} (so the weight journal, drift and restore see it). A
 * batch of requests is one edit over all their tokens, as the reference's batched edit.
 */
final class MendMethod implements EditMethod {
    private final MendNetwork net;
    private final MendArchive archive;

    MendMethod(MendNetwork net, MendArchive archive) {
        this.net = net;
        this.archive = archive;
    }

    @Override
    public String name() {
        return "mend";
    }

    /** {@inheritDoc} MEND writes MLP matrices; its hypernetwork is fixed while editing. */
    @Override
    public boolean keepsStateInWeights() {
        return true;
    }

    @Override
    public AppliedEdit apply(LanguageModel model, List<EditRequest> batch) {
        EditTransaction.validate(name(), batch, false);
        List<String> names = net.matrices.stream().map(MendMatrix::name).toList();
        return EditTransaction.run(model, name(), names, () -> edit(model, batch, names));
    }

    private AppliedEdit edit(LanguageModel model, List<EditRequest> batch, List<String> names) {
        TargetBatch tb =
                TargetBatch.of(
                        model.tokenizer(),
                        batch.stream().map(EditRequest::prompt).toList(),
                        batch.stream().map(EditRequest::target).toList());
        GradientFactors factors = GradientFactors.compute(model, net.matrices, tb);
        List<Double> norms = new ArrayList<>();
        try (NDManager scope = model.manager().newSubManager()) {
            for (MatrixUpdate up : net.transform(factors, false, scope)) {
                String name = up.matrix().name();
                NDArray w = model.weights().get(name);
                NDArray delta = up.stored().toType(w.getDataType(), false);
                norms.add((double) delta.norm().getFloat());
                NDArray next = w.add(delta);
                next.attach(scope);
                model.weights().set(name, next);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("archive", archive.dir().toString());
        details.put("edit_loss", factors.loss);
        details.put("update_norms", norms);
        return new AppliedEdit(names, details);
    }

    @Override
    public void close() {
        net.close();
    }
}
