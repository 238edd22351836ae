package dev.editgate.model;

/**
 * The names of one layer's MLP output projection, as the family's checkpoint stores it: the matrix
 * ROME, MEMIT and FT-L rewrite. Each family's decoder answers for its own names (so a GPT-2
 * checkpoint without the {@code transformer.} prefix names its tensors without it).
 *
 * @param weight the weight's name
 * @param bias the bias's name (the checkpoint may lack it: LLaMA-style families have none)
 * @param conv1d whether the weight is GPT-2's {@code Conv1D} layout {@code [I, H]} (in, out) rather
 *     than a torch {@code Linear} weight {@code [H, I]} (out, in)
 */
public record MlpOutput(String weight, String bias, boolean conv1d) {

    /** A torch {@code Linear} projection {@code [H, I]}: {@code <prefix>.weight} and bias. */
    public static MlpOutput linear(String prefix) {
        return new MlpOutput(prefix + ".weight", prefix + ".bias", false);
    }
}
