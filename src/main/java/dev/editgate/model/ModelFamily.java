package dev.editgate.model;

/**
 * The identity of each architecture family the runtime implements; what a family knows ({@code
 * model_type}s, {@code config.json} keys, decoder, tensor names) is in its {@link Family}, in its
 * own package.
 */
public enum ModelFamily {
    LLAMA,
    GPT2,
    GPTJ,
    GPT_NEOX,
    GEMMA3;

    /** Every supported {@code model_type}, comma-separated, for error messages. */
    public static String supported() {
        return Families.supported();
    }
}
