package dev.editgate.model.llama;

import ai.djl.ndarray.NDArray;
import dev.editgate.model.Decoder;
import dev.editgate.model.MlpOutput;
import dev.editgate.model.ModelConfig;
import dev.editgate.model.Site;
import dev.editgate.model.SiteKind;
import dev.editgate.model.TensorSpec;
import dev.editgate.model.nn.Activations;
import dev.editgate.model.nn.LayerContext;
import dev.editgate.model.nn.Norms;
import dev.editgate.model.nn.Rotary;
import java.util.ArrayList;
import java.util.List;

/**
 * LlamaForCausalLM (also Mistral and Qwen2, which adds q/k/v biases): pre-RMSNorm, grouped-query
 * attention with half-split rotary, gated SiLU MLP.
 *
 * <p>Dimensions: B batch, T tokens, H hidden, N heads, K kv heads, D head size, I intermediate.
 */
public final class LlamaDecoder extends Decoder {
    private final Rotary rotary;

    public LlamaDecoder(ModelConfig config) {
        super(config);
        this.rotary = new Rotary(config, Rotary.Layout.HALF);
    }

    @Override
    public MlpOutput mlpOutput(int l) {
        return MlpOutput.linear("model.layers." + l + ".mlp.down_proj");
    }

    @Override
    public List<TensorSpec> tensorSpecs() {
        long h = config.hiddenSize();
        long i = config.intermediateSize();
        long d = config.headDim();
        long n = config.numHeads();
        long k = config.numKvHeads();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(TensorSpec.of("model.embed_tokens.weight", config.vocabSize(), h)); // (V, H)
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            specs.add(TensorSpec.of(p + "input_layernorm.weight", h));
            specs.add(TensorSpec.of(p + "self_attn.q_proj.weight", n * d, h)); // (N·D, H)
            specs.add(TensorSpec.of(p + "self_attn.k_proj.weight", k * d, h)); // (K·D, H)
            specs.add(TensorSpec.of(p + "self_attn.v_proj.weight", k * d, h));
            specs.add(TensorSpec.of(p + "self_attn.o_proj.weight", h, n * d)); // (H, N·D)
            if (config.attentionBias()) {
                specs.add(TensorSpec.of(p + "self_attn.q_proj.bias", n * d));
                specs.add(TensorSpec.of(p + "self_attn.k_proj.bias", k * d));
                specs.add(TensorSpec.of(p + "self_attn.v_proj.bias", k * d));
                if (config.outputBias()) {
                    specs.add(TensorSpec.of(p + "self_attn.o_proj.bias", h));
                }
            }
            specs.add(TensorSpec.of(p + "post_attention_layernorm.weight", h));
            specs.add(TensorSpec.of(p + "mlp.gate_proj.weight", i, h)); // (I, H)
            specs.add(TensorSpec.of(p + "mlp.up_proj.weight", i, h));
            specs.add(TensorSpec.of(p + "mlp.down_proj.weight", h, i)); // (H, I)
        }
        specs.add(TensorSpec.of("model.norm.weight", h));
        if (config.tieWordEmbeddings()) {
            specs.add(TensorSpec.optional("lm_head.weight", config.vocabSize(), h));
        } else {
            specs.add(TensorSpec.of("lm_head.weight", config.vocabSize(), h));
        }
        return specs;
    }

    @Override
    public Rotary rotary() {
        return rotary;
    }

    @Override
    public NDArray embed(NDArray ids, NDArray positions) {
        return w("model.embed_tokens.weight").get(ids); // (B, T, H)
    }

    @Override
    public NDArray layer(int l, NDArray x, LayerContext ctx) {
        String p = "model.layers." + l + ".";
        String a = p + "self_attn.";
        int n = config.numHeads();
        int k = config.numKvHeads();
        int d = config.headDim();
        boolean bias = config.attentionBias();

        NDArray h = Norms.rms(x, w(p + "input_layernorm.weight"), config.normEps()); // (B, T, H)
        NDArray q =
                heads(linear(h, w(a + "q_proj.weight"), bias ? w(a + "q_proj.bias") : null), n, d);
        NDArray kk =
                heads(linear(h, w(a + "k_proj.weight"), bias ? w(a + "k_proj.bias") : null), k, d);
        NDArray v =
                heads(linear(h, w(a + "v_proj.weight"), bias ? w(a + "v_proj.bias") : null), k, d);
        q = rotary.apply(q, ctx.ropeFor(config.isSliding(l))); // (B, N, T, D)
        kk = rotary.apply(kk, ctx.ropeFor(config.isSliding(l))); // (B, K, T, D)
        NDArray[] kv = ctx.keysValues(l, kk, v); // (B, K, S, D) each
        NDArray attn =
                ctx.attend(
                        l,
                        q,
                        kv[0],
                        kv[1],
                        ctx.maskFor(config.isSliding(l)),
                        config.attentionScale()); // (B, T, N·D)
        boolean oBias = config.outputBias();
        attn =
                linear(
                        attn,
                        w(a + "o_proj.weight"),
                        oBias ? w(a + "o_proj.bias") : null); // (B, T, H)
        attn = ctx.sites().at(new Site(l, SiteKind.ATTN_OUT), attn);
        x = x.add(attn);

        NDArray h2 = Norms.rms(x, w(p + "post_attention_layernorm.weight"), config.normEps());
        h2 = ctx.sites().at(new Site(l, SiteKind.MLP_IN), h2);
        NDArray gate = linear(h2, w(p + "mlp.gate_proj.weight"), null); // (B, T, I)
        gate = ctx.sites().at(new Site(l, SiteKind.MLP_GATE), gate);
        NDArray up = linear(h2, w(p + "mlp.up_proj.weight"), null);
        up = ctx.sites().at(new Site(l, SiteKind.MLP_UP), up);
        NDArray key = Activations.apply(config.activation(), gate).mul(up);
        key = ctx.sites().at(new Site(l, SiteKind.MLP_KEY), key);
        NDArray mlp = linear(key, w(p + "mlp.down_proj.weight"), null); // (B, T, H)
        mlp = ctx.sites().at(new Site(l, SiteKind.MLP_OUT), mlp);
        x = x.add(mlp);
        return ctx.sites().at(new Site(l, SiteKind.RESID_POST), x);
    }

    @Override
    public NDArray head(NDArray x) {
        NDArray normed = Norms.rms(x, w("model.norm.weight"), config.normEps());
        String out =
                weights.contains("lm_head.weight") ? "lm_head.weight" : "model.embed_tokens.weight";
        return linear(normed, w(out), null); // (B, T, V)
    }
}
