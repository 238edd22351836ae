package dev.editgate.bench.edits;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.weights.WeightStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How far edited tensors moved from a snapshot of the originals: for each tensor, the Pearson
 * correlation between original and current values (1: unchanged up to scale and shift) and the
 * relative Frobenius norm of the change, ‖W − W₀‖ / ‖W₀‖.
 */
public final class ParameterDrift {
    private ParameterDrift() {}

    /** Drift of one tensor. */
    public record TensorDrift(String name, double pearson, double relativeChange) {}

    /**
     * Drift of every tensor named in {@code names}; one absent from {@code original} (a journal
     * that never saw it change) is unchanged.
     */
    public static List<TensorDrift> measure(
            WeightStore current, WeightStore.Snapshot original, Collection<String> names) {
        List<TensorDrift> out = new ArrayList<>();
        for (String name : names) {
            NDArray now = current.get(name);
            out.add(of(name, original.names().contains(name) ? original.get(name) : now, now));
        }
        return out;
    }

    /** Drift of {@code now} against {@code before} (same shape), computed in float64. */
    public static TensorDrift of(String name, NDArray before, NDArray now) {
        if (!before.getShape().equals(now.getShape())) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': snapshot shape "
                            + before.getShape()
                            + " differs from current "
                            + now.getShape());
        }
        try (NDManager tmp = before.getManager().newSubManager()) {
            NDArray a = before.toType(DataType.FLOAT64, true).reshape(-1);
            NDArray b = now.toType(DataType.FLOAT64, true).reshape(-1);
            a.attach(tmp);
            b.attach(tmp);
            NDArray da = a.sub(a.mean());
            NDArray db = b.sub(b.mean());
            double cov = da.mul(db).sum().getDouble();
            double va = da.mul(da).sum().getDouble();
            double vb = db.mul(db).sum().getDouble();
            double pearson = va == 0 || vb == 0 ? (va == vb ? 1 : 0) : cov / Math.sqrt(va * vb);
            double norm0 = a.norm().getDouble();
            double change = b.sub(a).norm().getDouble();
            return new TensorDrift(name, pearson, norm0 == 0 ? change : change / norm0);
        }
    }
}
