package dev.editgate.edit.rome;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RankOneUpdateTest {

    @Test
    void updateIsRankOneAndMapsKeyToTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray w = m.randomNormal(new Shape(6, 10)); // [H, I]
            NDArray bias = m.randomNormal(new Shape(6));
            NDArray keyMean = m.randomNormal(new Shape(10));
            NDArray key = keyMean.add(m.randomNormal(new Shape(10)).mul(0.1));
            NDArray target = m.randomNormal(new Shape(6));
            NDArray samples = m.randomNormal(new Shape(50, 10));
            NDArray moments = samples.transpose().matMul(samples).div(50); // [I, I]

            NDArray u =
                    RankOneUpdate.leftVector(
                            keyMean, moments.toType(DataType.FLOAT64, false).inverse());
            NDArray current = w.matMul(key).add(bias);
            NDArray dw = RankOneUpdate.delta(u, key, current, target);
            NDArray after = w.add(dw).matMul(key).add(bias);

            assertThat(after.sub(target).abs().max().getFloat()).isLessThan(1e-4f);
            assertThat(RankOneUpdateTest.rankOneResidual(dw)).isLessThan(1e-5);
            // u is C⁻¹ k̄ normalised: C u is parallel to k̄
            NDArray cu =
                    moments.toType(DataType.FLOAT64, false).matMul(u.reshape(-1, 1)).reshape(-1);
            double cos =
                    cu.dot(keyMean.toType(DataType.FLOAT64, false)).getDouble()
                            / cu.norm().getDouble()
                            / keyMean.toType(DataType.FLOAT64, false).norm().getDouble();
            assertThat(cos).isGreaterThan(0.99999);
        }
    }

    @Test
    void identityMomentsGiveNormalisedKey() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray k = m.create(new float[] {3, 4});
            NDArray u = RankOneUpdate.leftVector(k, null);
            assertThat(u.toDoubleArray())
                    .containsExactly(
                            new double[] {0.6, 0.8}, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /**
     * Frobenius norm of what is left of {@code dw} after removing its projection on its largest
     * column, relative.
     */
    static double rankOneResidual(NDArray dw) {
        NDArray d = dw.toType(DataType.FLOAT64, false);
        long best = d.norm(new int[] {0}).argMax().getLong();
        NDArray c = d.get(new NDIndex(":, {}", best)).reshape(-1, 1); // [H, 1]
        NDArray proj = c.matMul(c.transpose().matMul(d)).div(c.transpose().matMul(c)); // [H, I]
        return d.sub(proj).norm().getDouble() / d.norm().getDouble();
    }
}
