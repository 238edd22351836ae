package dev.editgate.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Architecture families the runtime implements, and the {@code model_type}s each covers. */
public enum ModelFamily {
    LLAMA(List.of("llama", "mistral", "qwen2")),
    GPT2(List.of("gpt2")),
    GPTJ(List.of("gptj")),
    GPT_NEOX(List.of("gpt_neox")),
    GEMMA3(List.of("gemma3_text"));

    private final List<String> modelTypes;

    ModelFamily(List<String> modelTypes) {
        this.modelTypes = modelTypes;
    }

    public List<String> modelTypes() {
        return modelTypes;
    }

    /** The family for a {@code config.json} {@code model_type}; null when unsupported. */
    static ModelFamily forModelType(String modelType) {
        for (ModelFamily f : values()) {
            if (f.modelTypes.contains(modelType)) {
                return f;
            }
        }
        return null;
    }

    /** Every supported {@code model_type}, comma-separated, for error messages. */
    public static String supported() {
        return Arrays.stream(values())
                .flatMap(f -> f.modelTypes.stream())
                .collect(Collectors.joining(", "));
    }
}
