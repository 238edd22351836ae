package dev.editgate.model.gguf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.weights.CheckpointException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GGUF file's mapping to Hugging Face: what llama.cpp's layout shares (config keys, LLaMA-style
 * tensor names) here, the rest from the {@link GgufArchitecture} of its family ({@code
 * general.architecture}), registered by the family packages.
 */
final class GgufConfigMapping {
    private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.(.+)");
    private static final List<GgufArchitecture> ARCHITECTURES =
            ServiceLoader.load(GgufArchitecture.class, GgufArchitecture.class.getClassLoader())
                    .stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();

    private final String arch;
    private final GgufArchitecture family;
    private final ObjectNode config;
    private final int heads;
    private final int kvHeads;

    private GgufConfigMapping(
            String arch, GgufArchitecture family, ObjectNode config, int heads, int kvHeads) {
        this.arch = arch;
        this.family = family;
        this.config = config;
        this.heads = heads;
        this.kvHeads = kvHeads;
    }

    /** Every convertible {@code general.architecture}, in registration order. */
    static List<String> accepted() {
        return ARCHITECTURES.stream().flatMap(a -> a.architectures().stream()).toList();
    }

    static GgufConfigMapping of(GgufFile gguf) {
        GgufMetadata m = gguf.metadata();
        String arch = m.architecture();
        GgufArchitecture family =
                ARCHITECTURES.stream()
                        .filter(a -> a.architectures().contains(arch))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new CheckpointException(
                                                gguf.file()
                                                        + ": general.architecture '"
                                                        + arch
                                                        + "' cannot be converted; accepted: "
                                                        + String.join(", ", accepted())));
        ObjectNode c = new ObjectMapper().createObjectNode();
        int heads = (int) m.headCount();
        int kv = (int) m.headCountKv();
        c.put("model_type", family.modelType(arch));
        c.put("vocab_size", m.tokens().size());
        c.put("hidden_size", (int) m.embeddingLength());
        c.put("intermediate_size", m.feedForwardLength());
        c.put("num_hidden_layers", (int) m.blockCount());
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kv);
        c.put("max_position_embeddings", m.contextLength());
        c.put("rms_norm_eps", m.rmsNormEpsilon());
        c.put("rope_theta", m.ropeFreqBase());
        c.put("tie_word_embeddings", !gguf.tensors().containsKey("output.weight"));
        m.bosTokenId().ifPresent(id -> c.put("bos_token_id", id));
        m.eosTokenId().ifPresent(id -> c.put("eos_token_id", id));
        c.put("torch_dtype", "float32");
        family.config(m, arch, c);
        return new GgufConfigMapping(arch, family, c, heads, kv);
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
        String own = family.blockTensor(arch, p, rest);
        if (own != null) {
            return own;
        }
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
            case "ffn_norm.weight" -> p + "post_attention_layernorm.weight";
            case "post_ffw_norm.weight" -> p + "post_feedforward_layernorm.weight";
            case "ffn_gate.weight" -> p + "mlp.gate_proj.weight";
            case "ffn_up.weight" -> p + "mlp.up_proj.weight";
            case "ffn_down.weight" -> p + "mlp.down_proj.weight";
            default -> null;
        };
    }

    /** Undoes what llama.cpp's converter did to the values of {@code gguf} (the family's part). */
    float[] toHuggingFace(String gguf, long[] shape, float[] values) {
        return family.toHuggingFace(arch, gguf, shape, values, heads, kvHeads);
    }
}
