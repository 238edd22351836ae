package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.nn.HostArrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The MEND hypernetwork of one model: a {@link GradientTransform} per shape of the edited matrices
 * (shared by the matrices of that shape, each with its own mode), and one learned edit learning
 * rate per matrix. Array names are the reference's {@code state_dict} keys ({@code mend.(576,
 * 1536).mlp.layers.0.u}, {@code mend.(576, 1536).u_mean}, {@code edit_lrs}), so an archive holds
 * the same tensors as a reference checkpoint.
 */
final class MendNetwork implements AutoCloseable {
    static final String EDIT_LRS = "edit_lrs";
    private static final List<String> BUFFERS =
            List.of("u_mean", "v_mean", "u_std", "v_std", "u_s", "v_s", "k");

    final MendConfig config;
    final List<MendMatrix> matrices;
    final Map<String, GradientTransform> transforms;
    private final int[] modes;
    final Parameter editLrs; // (M)
    final NDManager manager;

    private MendNetwork(
            MendConfig config,
            List<MendMatrix> matrices,
            Map<String, GradientTransform> transforms,
            Parameter editLrs,
            NDManager manager) {
        this.config = config;
        this.matrices = List.copyOf(matrices);
        this.transforms = transforms;
        this.editLrs = editLrs;
        this.manager = manager;
        this.modes = new int[matrices.size()];
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < matrices.size(); i++) {
            String key = matrices.get(i).shapeKey();
            modes[i] = seen.merge(key, 1, Integer::sum) - 1;
        }
    }

    /** Matrices per shape, in order of first appearance (the reference's {@code shape_dict}). */
    private static Map<String, List<MendMatrix>> byShape(List<MendMatrix> matrices) {
        Map<String, List<MendMatrix>> out = new LinkedHashMap<>();
        for (MendMatrix m : matrices) {
            out.computeIfAbsent(m.shapeKey(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /**
     * An untrained network: every transform the identity (v drawn from a normal distribution seeded
     * with {@code seed}), every edit learning rate {@code config.editLr()}.
     */
    static MendNetwork initial(
            List<MendMatrix> matrices, MendConfig config, long seed, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Random random = new Random(seed);
        Map<String, GradientTransform> transforms = new LinkedHashMap<>();
        byShape(matrices)
                .forEach(
                        (key, ms) -> {
                            MendMatrix m = ms.get(0);
                            transforms.put(
                                    key,
                                    GradientTransform.identity(
                                            "mend." + key + ".",
                                            m.in(),
                                            m.out(),
                                            ms.size(),
                                            config,
                                            random,
                                            manager));
                        });
        float[] lrs = new float[matrices.size()];
        java.util.Arrays.fill(lrs, (float) config.editLr());
        Parameter editLrs =
                new Parameter(EDIT_LRS, HostArrays.of(manager, lrs, new Shape(lrs.length)));
        return new MendNetwork(config, matrices, transforms, editLrs, manager);
    }

    /**
     * A network with the arrays {@code tensors} gives by name (each checked against its expected
     * shape by the caller's lookup, which names the file).
     */
    static MendNetwork fromState(
            List<MendMatrix> matrices,
            MendConfig config,
            Function<TensorData.Spec, TensorData> tensors,
            NDManager parent) {
        MendNetwork net = initial(matrices, config, 0, parent);
        net.load(tensors);
        return net;
    }

    /** Replaces every array and buffer by the one {@code tensors} gives. */
    void load(Function<TensorData.Spec, TensorData> tensors) {
        for (Parameter p : parameters()) {
            TensorData t = tensors.apply(new TensorData.Spec(p.name, p.value.getShape()));
            p.replace(t.toArray(manager));
        }
        for (GradientTransform gt : transforms.values()) {
            RunningNorm n = gt.norm;
            float[][] bufs = {n.uMean, n.vMean, n.uStd, n.vStd, n.uS, n.vS};
            for (int i = 0; i < bufs.length; i++) {
                TensorData t =
                        tensors.apply(
                                new TensorData.Spec(
                                        gt.prefix + BUFFERS.get(i), new Shape(bufs[i].length)));
                System.arraycopy(t.data(), 0, bufs[i], 0, bufs[i].length);
            }
            n.k = tensors.apply(new TensorData.Spec(gt.prefix + "k", new Shape(1))).data()[0];
        }
    }

    /** The trained arrays: every transform's, then the edit learning rates (outer parameters). */
    List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        transforms.values().forEach(t -> out.addAll(t.parameters()));
        out.add(editLrs);
        return out;
    }

    /** Every array and buffer by name, as host copies (an archive's content). */
    Map<String, TensorData> state() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Parameter p : parameters()) {
            out.put(p.name, TensorData.of(p.value));
        }
        for (GradientTransform gt : transforms.values()) {
            RunningNorm n = gt.norm;
            float[][] bufs = {n.uMean, n.vMean, n.uStd, n.vStd, n.uS, n.vS};
            for (int i = 0; i < bufs.length; i++) {
                out.put(
                        gt.prefix + BUFFERS.get(i),
                        new TensorData(new long[] {bufs[i].length}, bufs[i].clone()));
            }
            out.put(gt.prefix + "k", new TensorData(new long[] {1}, new float[] {n.k}));
        }
        return out;
    }

    /** The edit learning rates, one per matrix. */
    float[] editLearningRates() {
        return editLrs.value.toFloatArray();
    }

    /**
     * Transforms the factors of every matrix; training mode updates the normalisation statistics.
     * The results are on {@code scope} and, when the parameters require gradients, part of the
     * autograd graph.
     */
    List<MatrixUpdate> transform(GradientFactors factors, boolean training, NDManager scope) {
        List<MatrixUpdate> out = new ArrayList<>();
        for (int i = 0; i < matrices.size(); i++) {
            MendMatrix m = matrices.get(i);
            // Results of the layers attach to the parameters' manager: the NDScope frees every
            // intermediate (autograd keeps what the backward pass needs), the outputs move to
            // scope.
            try (NDScope arrays = new NDScope()) {
                arrays.suppressNotUsedWarning();
                NDArray[] t =
                        transforms
                                .get(m.shapeKey())
                                .forward(
                                        factors.u(i),
                                        factors.delta(i),
                                        modes[i],
                                        training,
                                        config.norm(),
                                        scope);
                NDArray lr = editLrs.value.get(i);
                for (NDArray keep : new NDArray[] {t[0], t[1], lr}) {
                    NDScope.unregister(keep);
                    keep.attach(scope);
                }
                out.add(new MatrixUpdate(m, t[0], t[1], lr));
            }
        }
        return out;
    }

    /**
     * Makes every trained array a fresh leaf that records its gradient (a copy without the gradient
     * the last step left, so gradients never carry over from one step to the next).
     */
    void freshLeaves() {
        for (Parameter p : parameters()) {
            NDArray detached = p.value.stopGradient();
            NDArray leaf = detached.duplicate();
            detached.close();
            leaf.attach(manager);
            p.replace(leaf);
            leaf.setRequiresGradient(true);
        }
    }

    /** Stops the trained arrays from recording gradients (copies without gradient). */
    void detach() {
        for (Parameter p : parameters()) {
            if (p.value.hasGradient()) {
                NDArray detached = p.value.stopGradient();
                NDArray copy = detached.duplicate();
                detached.close();
                copy.attach(manager);
                p.replace(copy);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
