package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import dev.editgate.model.nn.Scalars;

/**
 * Adam (Kingma and Ba 2015) for one parameter array, as {@code torch.optim.Adam} with its defaults
 * (betas 0.9/0.999, eps 1e-8) and optional L2 weight decay added to the gradient. Moment arrays
 * live on the parameter's manager.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double lr;
    private final double weightDecay;
    private NDArray m;
    private NDArray v;
    private int step;

    public Adam(double lr, double weightDecay) {
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    /** Returns the updated parameter (a new array without gradient tracking). */
    public NDArray step(NDArray param, NDArray grad) {
        NDArray p = param.stopGradient();
        NDArray g = weightDecay == 0 ? grad : grad.add(Scalars.mul(p, weightDecay));
        if (m == null) {
            m = g.zerosLike();
            v = g.zerosLike();
        }
        step++;
        NDArray m1 = Scalars.mul(m, BETA1).add(Scalars.mul(g, 1 - BETA1));
        NDArray v1 = Scalars.mul(v, BETA2).add(Scalars.mul(g.mul(g), 1 - BETA2));
        m1.attach(param.getManager()); // moments outlive the caller's per-step scopes
        v1.attach(param.getManager());
        m.close();
        v.close();
        m = m1;
        v = v1;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        NDArray denom = Scalars.div(v, c2).sqrt().add(EPS);
        NDArray next = p.sub(Scalars.mul(Scalars.div(m, c1).div(denom), lr));
        next.attach(param.getManager());
        return next;
    }
}
