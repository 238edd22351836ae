package dev.editgate.bench;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import dev.editgate.testing.Shared;

/** The trained 260K-parameter TinyStories model from {@code ../shared/models}, float32 on CPU. */
public final class Stories260k {
    private Stories260k() {}

    /** Loads the model, skipping the test when the shared folder is absent. */
    public static LanguageModel load() {
        return Models.load(Shared.stories260k(), "float32", "cpu");
    }
}
