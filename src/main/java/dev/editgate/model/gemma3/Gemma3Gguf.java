package dev.editgate.model.gemma3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.gguf.GgufArchitecture;
import dev.editgate.model.gguf.GgufMetadata;
import java.util.List;

/**
 * Gemma 3 GGUF files: the keys transformers' GGUF loader leaves at Gemma3TextConfig's defaults, its
 * four norms per block, and norms stored with the +1 llama.cpp's converter added.
 */
public final class Gemma3Gguf implements GgufArchitecture {

    @Override
    public List<String> architectures() {
        return List.of("gemma3");
    }

    @Override
    public String modelType(String arch) {
        return "gemma3_text";
    }

    @Override
    public void config(GgufMetadata m, String arch, ObjectNode c) {
        c.put("head_dim", (int) m.getLong(arch + ".attention.key_length"));
        c.put("hidden_activation", "gelu_pytorch_tanh");
        c.put("query_pre_attn_scalar", 256);
        c.put("rope_local_base_freq", 10000.0);
        c.put("sliding_window", m.getLong(arch + ".attention.sliding_window"));
        ArrayNode types = c.putArray("layer_types");
        for (int l = 0; l < (int) m.blockCount(); l++) {
            types.add((l + 1) % 6 == 0 ? "full_attention" : "sliding_attention");
        }
    }

    @Override
    public String blockTensor(String arch, String prefix, String rest) {
        return rest.equals("ffn_norm.weight") ? prefix + "pre_feedforward_layernorm.weight" : null;
    }

    @Override
    public float[] toHuggingFace(
            String arch, String gguf, long[] shape, float[] values, int heads, int kvHeads) {
        if (gguf.endsWith("norm.weight")) {
            for (int i = 0; i < values.length; i++) {
                values[i] -= 1f;
            }
        }
        return values;
    }
}
