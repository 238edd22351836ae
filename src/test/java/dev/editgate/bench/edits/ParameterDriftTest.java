package dev.editgate.bench.edits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ParameterDriftTest {

    @Test
    void unchangedTensorHasCorrelationOneAndNoChange() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3, 4});
            ParameterDrift.TensorDrift d = ParameterDrift.of("w", w, w.duplicate());
            assertThat(d.pearson()).isCloseTo(1.0, within(1e-12));
            assertThat(d.relativeChange()).isZero();
        }
    }

    @Test
    void changeIsMeasuredAgainstTheOriginal() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray before = m.create(new float[] {3, 0, 0, 4}); // norm 5
            NDArray after = m.create(new float[] {3, 1, 0, 4}); // change norm 1
            ParameterDrift.TensorDrift d = ParameterDrift.of("w", before, after);
            assertThat(d.relativeChange()).isCloseTo(0.2, within(1e-9));
            assertThat(d.pearson()).isLessThan(1.0).isGreaterThan(0.8);
            NDArray flipped = before.neg();
            assertThat(ParameterDrift.of("w", before, flipped).pearson())
                    .isCloseTo(-1.0, within(1e-12));
        }
    }
}
