package dev.editgate.model.gguf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one family knows of its GGUF files (llama.cpp's {@code general.architecture}s it converts),
 * kept in the family's package and found through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.editgate.model.gguf.GgufArchitecture}). {@link GgufConfigMapping} does what
 * llama.cpp's layout shares: the common config keys and the LLaMA-style tensor names.
 */
public interface GgufArchitecture {

    /** The {@code general.architecture} values converted. */
    List<String> architectures();

    /** The {@code config.json} {@code model_type} written for {@code arch}. */
    String modelType(String arch);

    /**
     * Adds {@code arch}'s own {@code config.json} keys to {@code config}, which holds the common
     * ones already (sizes, heads, context, norm epsilon, rope base, special tokens).
     */
    void config(GgufMetadata metadata, String arch, ObjectNode config);

    /**
     * The Hugging Face name of block tensor {@code rest} (as {@code ffn_norm.weight}) under {@code
     * prefix} ({@code model.layers.N.}) where it differs from the LLaMA layout; null: as LLaMA.
     */
    default String blockTensor(String arch, String prefix, String rest) {
        return null;
    }

    /**
     * Undoes what llama.cpp's converter did to the values of {@code gguf} (a permutation, an
     * offset); {@code values} as stored.
     *
     * @param heads attention heads
     * @param kvHeads key/value heads
     */
    default float[] toHuggingFace(
            String arch, String gguf, long[] shape, float[] values, int heads, int kvHeads) {
        return values;
    }

    /**
     * Inverse of llama.cpp's {@code permute} of q/k rows: rows of each head go from (half, pair)
     * order back to (pair, half) — {@code w.reshape(n, d, 2, cols).swapaxes(1, 2)} in transformers'
     * terms.
     *
     * @param n heads of the matrix
     */
    static float[] unpermute(float[] w, long[] shape, int n) {
        int rows = (int) shape[0];
        int cols = shape.length > 1 ? (int) shape[1] : 1;
        int d = rows / n / 2;
        float[] out = new float[w.length];
        for (int h = 0; h < n; h++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < 2; j++) {
                    int src = h * 2 * d + i * 2 + j; // (n, d, 2) layout in the GGUF
                    int dst = h * 2 * d + j * d + i; // (n, 2, d) layout in HF
                    System.arraycopy(w, src * cols, out, dst * cols, cols);
                }
            }
        }
        return out;
    }
}
