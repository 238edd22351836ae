package dev.editgate.model.gguf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.weights.CheckpointException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One architecture's GGUF → Hugging Face mapping: config keys, tensor names, and the value
 * transforms llama.cpp's converter applied (q/k permutation for LLaMA, +1 on Gemma norms).
 */
final class GgufConfigMapping {
    private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.(.+)");

    private final String arch;
    private final ObjectNode config;
    private final int heads;
    private final int kvHeads;

    private GgufConfigMapping(String arch, ObjectNode config, int heads, int kvHeads) {
        this.arch = arch;
        this.config = config;
        this.heads = heads;
        this.kvHeads = kvHeads;
    }

    static GgufConfigMapping of(GgufFile gguf) {
        GgufMetadata m = gguf.metadata();
        String arch = m.architecture();
        if (!arch.equals("llama") && !arch.equals("qwen2") && !arch.equals("gemma3")) {
            throw new CheckpointException(
                    gguf.file()
                            + ": general.architecture '"
                            + arch
                            + "' cannot be converted; accepted: llama, qwen2, gemma3");
        }
        ObjectNode c = new ObjectMapper().createObjectNode();
        int heads = (int) m.headCount();
        int kv = (int) m.headCountKv();
        int hidden = (int) m.embeddingLength();
        int layers = (int) m.blockCount();
        c.put("model_type", arch.equals("gemma3") ? "gemma3_text" : arch);
        c.put("vocab_size", m.tokens().size());
        c.put("hidden_size", hidden);
        c.put("intermediate_size", m.feedForwardLength());
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kv);
        c.put("max_position_embeddings", m.contextLength());
        c.put("rms_norm_eps", m.rmsNormEpsilon());
        c.put("rope_theta", m.ropeFreqBase());
        c.put("tie_word_embeddings", !gguf.tensors().containsKey("output.weight"));
        m.bosTokenId().ifPresent(id -> c.put("bos_token_id", id));
        m.eosTokenId().ifPresent(id -> c.put("eos_token_id", id));
        c.put("torch_dtype", "float32");
        switch (arch) {
            case "llama" -> {
                c.put("hidden_act", "silu");
                c.put("head_dim", hidden / heads);
            }
            case "qwen2" -> c.put("hidden_act", "silu");
            default -> { // gemma3: what transformers' GGUF loader leaves at Gemma3TextConfig's
                // defaults
                int headDim = (int) m.getLong(arch + ".attention.key_length");
                c.put("head_dim", headDim);
                c.put("hidden_activation", "gelu_pytorch_tanh");
                c.put("query_pre_attn_scalar", 256);
                c.put("rope_local_base_freq", 10000.0);
                c.put("sliding_window", m.getLong(arch + ".attention.sliding_window"));
                ArrayNode types = c.putArray("layer_types");
                for (int l = 0; l < layers; l++) {
                    types.add((l + 1) % 6 == 0 ? "full_attention" : "sliding_attention");
                }
            }
        }
        return new GgufConfigMapping(arch, c, heads, kv);
    }

    ObjectNode config() {
        return config;
    }

    /** The Hugging Face name of a GGUF tensor, or null for tensors transformers does not load. */
    String hfName(String gguf) {
        switch (gguf) {
            case "token_embd.weight":
                return "model.embed_tokens.weight";
            case "output_norm.weight":
                return "model.norm.weight";
            case "output.weight":
                return "lm_head.weight";
            default:
                break;
        }
        Matcher b = BLOCK.matcher(gguf);
        if (!b.matches()) {
            return null;
        }
        String p = "model.layers." + b.group(1) + ".";
        String rest = b.group(2);
        boolean gemma = arch.equals("gemma3");
        return switch (rest) {
            case "attn_norm.weight" -> p + "input_layernorm.weight";
            case "attn_q.weight" -> p + "self_attn.q_proj.weight";
            case "attn_k.weight" -> p + "self_attn.k_proj.weight";
            case "attn_v.weight" -> p + "self_attn.v_proj.weight";
            case "attn_q.bias" -> p + "self_attn.q_proj.bias";
            case "attn_k.bias" -> p + "self_attn.k_proj.bias";
            case "attn_v.bias" -> p + "self_attn.v_proj.bias";
            case "attn_output.weight" -> p + "self_attn.o_proj.weight";
            case "attn_q_norm.weight" -> p + "self_attn.q_norm.weight";
            case "attn_k_norm.weight" -> p + "self_attn.k_norm.weight";
            case "post_attention_norm.weight" -> p + "post_attention_layernorm.weight";
            case "ffn_norm.weight" ->
                    p
                            + (gemma
                                    ? "pre_feedforward_layernorm.weight"
                                    : "post_attention_layernorm.weight");
            case "post_ffw_norm.weight" -> p + "post_feedforward_layernorm.weight";
            case "ffn_gate.weight" -> p + "mlp.gate_proj.weight";
            case "ffn_up.weight" -> p + "mlp.up_proj.weight";
            case "ffn_down.weight" -> p + "mlp.down_proj.weight";
            default -> null;
        };
    }

    /** Undoes what llama.cpp's converter did to the values of {@code gguf}. */
    float[] toHuggingFace(String gguf, long[] shape, float[] values) {
        if (arch.equals("llama") && gguf.endsWith("attn_q.weight")) {
            return unpermute(values, shape, heads);
        }
        if (arch.equals("llama") && gguf.endsWith("attn_k.weight")) {
            return unpermute(values, shape, kvHeads);
        }
        if (arch.equals("gemma3") && gguf.endsWith("norm.weight")) {
            for (int i = 0; i < values.length; i++) {
                values[i] -= 1f;
            }
        }
        return values;
    }

    /**
     * Inverse of llama.cpp's {@code permute}: rows of each head go from (half, pair) order back to
     * (pair, half) — {@code w.reshape(n, d, 2, cols).swapaxes(1, 2)} in transformers' terms.
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
