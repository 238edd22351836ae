package dev.editgate.model.llama;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.gguf.GgufArchitecture;
import dev.editgate.model.gguf.GgufMetadata;
import java.util.List;

/** LLaMA and Qwen2 GGUF files: LLaMA's q/k rows were permuted by llama.cpp's converter. */
public final class LlamaGguf implements GgufArchitecture {

    @Override
    public List<String> architectures() {
        return List.of("llama", "qwen2");
    }

    @Override
    public String modelType(String arch) {
        return arch;
    }

    @Override
    public void config(GgufMetadata m, String arch, ObjectNode c) {
        c.put("hidden_act", "silu");
        if (arch.equals("llama")) {
            c.put("head_dim", (int) m.embeddingLength() / (int) m.headCount());
        }
    }

    @Override
    public float[] toHuggingFace(
            String arch, String gguf, long[] shape, float[] values, int heads, int kvHeads) {
        if (arch.equals("llama") && gguf.endsWith("attn_q.weight")) {
            return GgufArchitecture.unpermute(values, shape, heads);
        }
        if (arch.equals("llama") && gguf.endsWith("attn_k.weight")) {
            return GgufArchitecture.unpermute(values, shape, kvHeads);
        }
        return values;
    }
}
