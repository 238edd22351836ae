package dev.editgate.model.init;

import dev.editgate.model.ModelConfig;
import dev.editgate.model.TensorSpec;
import java.util.List;

/** The tensors a config's architecture reads, with their checkpoint shapes. */
final class TensorSpecs {
    private TensorSpecs() {}

    static List<TensorSpec> of(ModelConfig config) {
        return dev.editgate.model.Decoder.specsFor(config);
    }
}
