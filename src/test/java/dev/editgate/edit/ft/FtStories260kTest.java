package dev.editgate.edit.ft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.edits.ParameterDrift;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.Stories260k;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FT-L on stories260k with the {@code stories260k} preset (layer 3). */
class FtStories260kTest {
    static Stories260k s;

    @BeforeAll
    static void load() {
        s = Stories260k.load();
    }

    @AfterAll
    static void close() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void ftChangesOnlyItsLayerWithinTheNormConstraintAndRestores() {
        String layer3 = "model.layers.3.mlp.down_proj.weight";
        try (EditMethod ft = new FtProvider().create(s.model, Map.of("preset", "stories260k"))) {
            var applied =
                    ft.apply(
                            s.model,
                            List.of(EditRequest.of("Lily's favorite toy was a", "Lily", " kite")));
            assertThat(applied.changedTensors()).containsExactly(layer3);
            for (ParameterDrift.TensorDrift d :
                    ParameterDrift.measure(
                            s.model.weights(), s.pristine(), s.model.weights().names())) {
                if (d.name().equals(layer3)) {
                    assertThat(d.relativeChange()).as(d.name()).isPositive();
                    assertThat(d.pearson()).isGreaterThan(0.99);
                } else {
                    assertThat(d.relativeChange()).as(d.name()).isZero();
                }
            }
            try (var m = s.model.manager().newSubManager()) {
                var now = s.model.weights().get(layer3);
                var diff = now.sub(s.pristine().get(layer3)).abs().max();
                diff.attach(m);
                assertThat(diff.getFloat()).isLessThanOrEqualTo(5e-4f + 1e-7f);
            }
        }
        s.reset();
        assertThat(s.model.weights().contentHash()).isEqualTo(s.pristineHash);
    }
}
