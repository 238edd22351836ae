package dev.editgate.edit.mend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.editgate.model.nn.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's outer loop optimizer: gradients of each step are added divided by {@code
 * accumulate_bs} (skipped when any is non-finite: {@code safe_backward}); a step clips the
 * accumulated gradients to total L2 norm {@code grad_clip} ({@code clip_grad_norm_}, an error when
 * the norm is not finite) and applies {@code torch.optim.Adam} (betas 0.9/0.999, eps 1e-8, no
 * weight decay) to every hypernetwork array and the edit learning rates, then clears them.
 *
 * <p>The reference also builds a second Adam over the edit learning rates ({@code lr_lr}), but
 * steps it after {@code opt.zero_grad()} has cleared their gradients, so it never moves them: the
 * learning rates are trained by the main Adam at {@code lr}, as here.
 */
final class OuterOptimizer implements AutoCloseable {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    final double lr;
    final int accumulate;
    final double clip;
    final NDManager manager;
    final Map<String, NDArray> gradSum = new LinkedHashMap<>();
    final Map<String, NDArray> m = new LinkedHashMap<>();
    final Map<String, NDArray> v = new LinkedHashMap<>();
    int steps;

    OuterOptimizer(double lr, int accumulate, double clip, NDManager parent) {
        this.lr = lr;
        this.accumulate = accumulate;
        this.clip = clip;
        this.manager = parent.newSubManager();
    }

    /** Adds {@code grads / accumulate}; false (and nothing added) when any is non-finite. */
    boolean accumulate(List<Parameter> params, List<NDArray> grads) {
        for (NDArray g : grads) {
            // one reduction per array: a NaN or infinity anywhere makes the sum non-finite
            try (NDArray sum = g.sum()) {
                if (!Float.isFinite(sum.getFloat())) {
                    return false;
                }
            }
        }
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).name;
            NDArray add = Scalars.div(grads.get(i), accumulate);
            NDArray old = gradSum.get(name);
            NDArray sum = old == null ? add : old.add(add);
            sum.attach(manager);
            if (old != null) {
                old.close();
                add.close();
            }
            gradSum.put(name, sum);
        }
        return true;
    }

    /**
     * Clips, steps Adam on every parameter that has a gradient, clears the gradients.
     *
     * @return the total gradient norm before clipping
     */
    double step(List<Parameter> params) {
        double total = 0;
        for (Parameter p : params) {
            NDArray g = gradSum.get(p.name);
            if (g != null) {
                try (NDArray norm = g.norm()) {
                    double n = norm.getFloat();
                    total += n * n;
                }
            }
        }
        total = Math.sqrt(total);
        if (!Double.isFinite(total)) {
            throw new IllegalStateException(
                    "mend: the total norm of the gradients is " + total + " (not finite)");
        }
        double coef = Math.min(1.0, clip / (total + 1e-6));
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        for (Parameter p : params) {
            NDArray g = gradSum.remove(p.name);
            if (g == null) {
                continue;
            }
            try (NDManager tmp = manager.newSubManager();
                    NDScope arrays = new NDScope()) {
                arrays.suppressNotUsedWarning();
                g.attach(tmp);
                NDArray grad = coef < 1 ? Scalars.mul(g, coef) : g;
                NDArray m0 = m.computeIfAbsent(p.name, k -> zeros(grad));
                NDArray v0 = v.computeIfAbsent(p.name, k -> zeros(grad));
                NDArray m1 = m0.add(Scalars.mul(grad.sub(m0), 1 - BETA1)); // exp_avg.lerp_
                NDArray v1 = Scalars.mul(v0, BETA2).add(Scalars.mul(grad.mul(grad), 1 - BETA2));
                NDArray denom = Scalars.div(v1.sqrt(), c2).add(Scalars.of(v1, EPS));
                NDArray value = p.value.stopGradient();
                value.attach(tmp);
                NDArray next = value.sub(Scalars.mul(m1.div(denom), lr / c1));
                for (NDArray keep : new NDArray[] {m1, v1, next}) {
                    NDScope.unregister(keep);
                    keep.attach(manager);
                }
                m.put(p.name, m1).close();
                v.put(p.name, v1).close();
                next.attach(p.value.getManager());
                p.replace(next);
            }
        }
        return total;
    }

    private NDArray zeros(NDArray like) {
        NDArray z = like.zerosLike();
        z.attach(manager);
        return z;
    }

    @Override
    public void close() {
        manager.close();
    }
}
