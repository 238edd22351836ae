package dev.editgate.model.gemma3;

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
import dev.editgate.model.nn.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemma3ForCausalLM ({@code gemma3_text}): embeddings scaled by sqrt(H), RMSNorm with weight (1 +
 * w) computed in float32, norms before and after both attention and MLP, q/k norms over each head,
 * sliding-window layers with their own rotary base, gated tanh-GELU MLP, tied head.
 *
 * <p>Dimensions: B batch, T tokens, H hidden, N heads, K kv heads, D head size, I intermediate.
 */
public final class Gemma3Decoder extends Decoder {
    private final Rotary global;
    private final Rotary local;

    public Gemma3Decoder(ModelConfig config) {
        super(config);
        this.global = new Rotary(config, Rotary.Layout.HALF);
        this.local =
                new Rotary(config.headDim(), config.ropeLocalTheta(), null, Rotary.Layout.HALF);
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
        specs.add(TensorSpec.of("model.embed_tokens.weight", config.vocabSize(), h));
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            for (String norm :
                    new String[] {
                        "input_layernorm",
                        "post_attention_layernorm",
                        "pre_feedforward_layernorm",
                        "post_feedforward_layernorm"
                    }) {
                specs.add(TensorSpec.of(p + norm + ".weight", h));
            }
            specs.add(TensorSpec.of(p + "self_attn.q_proj.weight", n * d, h));
            specs.add(TensorSpec.of(p + "self_attn.k_proj.weight", k * d, h));
            specs.add(TensorSpec.of(p + "self_attn.v_proj.weight", k * d, h));
            specs.add(TensorSpec.of(p + "self_attn.o_proj.weight", h, n * d));
            specs.add(TensorSpec.of(p + "self_attn.q_norm.weight", d));
            specs.add(TensorSpec.of(p + "self_attn.k_norm.weight", d));
            specs.add(TensorSpec.of(p + "mlp.gate_proj.weight", i, h));
            specs.add(TensorSpec.of(p + "mlp.up_proj.weight", i, h));
            specs.add(TensorSpec.of(p + "mlp.down_proj.weight", h, i));
        }
        specs.add(TensorSpec.of("model.norm.weight", h));
        specs.add(TensorSpec.optional("lm_head.weight", config.vocabSize(), h));
        return specs;
    }

    @Override
    public Rotary rotary() {
        return global;
    }

    @Override
    public Rotary localRotary() {
        return local;
    }

    @Override
    public NDArray embed(NDArray ids, NDArray positions) {
        NDArray e = w("model.embed_tokens.weight").get(ids);
        // transformers multiplies by the scale cast to the weights' dtype; a scalar multiply does
        // the same
        float scale = (float) Math.sqrt(config.hiddenSize());
        return Scalars.mul(e, scale);
    }

    private NDArray norm(NDArray x, NDArray weight) {
        return Norms.rmsOneOffset(x, weight, config.normEps());
    }

    @Override
    public NDArray layer(int l, NDArray x, LayerContext ctx) {
        String p = "model.layers." + l + ".";
        String a = p + "self_attn.";
        int n = config.numHeads();
        int k = config.numKvHeads();
        int d = config.headDim();
        boolean sliding = config.isSliding(l);

        NDArray h = norm(x, w(p + "input_layernorm.weight"));
        NDArray q =
                norm(heads(linear(h, w(a + "q_proj.weight"), null), n, d), w(a + "q_norm.weight"));
        NDArray kk =
                norm(heads(linear(h, w(a + "k_proj.weight"), null), k, d), w(a + "k_norm.weight"));
        NDArray v = heads(linear(h, w(a + "v_proj.weight"), null), k, d);
        q = (sliding ? local : global).apply(q, ctx.ropeFor(sliding));
        kk = (sliding ? local : global).apply(kk, ctx.ropeFor(sliding));
        NDArray[] kv = ctx.keysValues(l, kk, v);
        NDArray attn =
                ctx.attend(l, q, kv[0], kv[1], ctx.maskFor(sliding), config.attentionScale());
        attn = linear(attn, w(a + "o_proj.weight"), null);
        attn =
                ctx.sites()
                        .at(
                                new Site(l, SiteKind.ATTN_OUT),
                                attn); // before the post-norm, as HF's self_attn output
        x = x.add(norm(attn, w(p + "post_attention_layernorm.weight")));

        NDArray m = norm(x, w(p + "pre_feedforward_layernorm.weight"));
        m = ctx.sites().at(new Site(l, SiteKind.MLP_IN), m);
        NDArray gate = linear(m, w(p + "mlp.gate_proj.weight"), null);
        gate = ctx.sites().at(new Site(l, SiteKind.MLP_GATE), gate);
        NDArray up = linear(m, w(p + "mlp.up_proj.weight"), null);
        up = ctx.sites().at(new Site(l, SiteKind.MLP_UP), up);
        NDArray key = Activations.apply(config.activation(), gate).mul(up);
        key = ctx.sites().at(new Site(l, SiteKind.MLP_KEY), key); // (B, T, I)
        NDArray mlp = linear(key, w(p + "mlp.down_proj.weight"), null);
        mlp =
                ctx.sites()
                        .at(
                                new Site(l, SiteKind.MLP_OUT),
                                mlp); // down_proj output, before the post-norm
        x = x.add(norm(mlp, w(p + "post_feedforward_layernorm.weight")));
        return ctx.sites().at(new Site(l, SiteKind.RESID_POST), x);
    }

    @Override
    public NDArray head(NDArray x) {
        NDArray normed = norm(x, w("model.norm.weight"));
        String out =
                weights.contains("lm_head.weight") ? "lm_head.weight" : "model.embed_tokens.weight";
        NDArray logits = linear(normed, w(out), null);
        double cap = config.finalLogitSoftcap();
        return cap > 0 ? Scalars.mul(Scalars.div(logits, cap).tanh(), cap) : logits;
    }
}
