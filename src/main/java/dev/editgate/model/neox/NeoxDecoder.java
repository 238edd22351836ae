package dev.editgate.model.neox;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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
 * GPTNeoXForCausalLM (Pythia): fused q/k/v laid out per head as [q | k | v], half-split rotary over
 * {@code rotary_pct} of each head, parallel or sequential residual.
 *
 * <p>Dimensions: B batch, T tokens, H hidden, N heads, D head size, I intermediate.
 */
public final class NeoxDecoder extends Decoder {
    private final Rotary rotary;

    public NeoxDecoder(ModelConfig config) {
        super(config);
        this.rotary = new Rotary(config, Rotary.Layout.HALF);
    }

    @Override
    public MlpOutput mlpOutput(int l) {
        return MlpOutput.linear("gpt_neox.layers." + l + ".mlp.dense_4h_to_h");
    }

    @Override
    public List<TensorSpec> tensorSpecs() {
        long h = config.hiddenSize();
        long i = config.intermediateSize();
        boolean bias = config.attentionBias();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(TensorSpec.of("gpt_neox.embed_in.weight", config.vocabSize(), h));
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "gpt_neox.layers." + l + ".";
            specs.add(TensorSpec.of(p + "input_layernorm.weight", h));
            specs.add(TensorSpec.of(p + "input_layernorm.bias", h));
            specs.add(TensorSpec.of(p + "post_attention_layernorm.weight", h));
            specs.add(TensorSpec.of(p + "post_attention_layernorm.bias", h));
            specs.add(TensorSpec.of(p + "attention.query_key_value.weight", 3 * h, h)); // (3H, H)
            specs.add(TensorSpec.of(p + "attention.dense.weight", h, h));
            if (bias) {
                specs.add(TensorSpec.of(p + "attention.query_key_value.bias", 3 * h));
                specs.add(TensorSpec.of(p + "attention.dense.bias", h));
            }
            specs.add(TensorSpec.of(p + "mlp.dense_h_to_4h.weight", i, h));
            specs.add(TensorSpec.of(p + "mlp.dense_h_to_4h.bias", i));
            specs.add(TensorSpec.of(p + "mlp.dense_4h_to_h.weight", h, i));
            specs.add(TensorSpec.of(p + "mlp.dense_4h_to_h.bias", h));
        }
        specs.add(TensorSpec.of("gpt_neox.final_layer_norm.weight", h));
        specs.add(TensorSpec.of("gpt_neox.final_layer_norm.bias", h));
        if (config.tieWordEmbeddings()) {
            specs.add(TensorSpec.optional("embed_out.weight", config.vocabSize(), h));
        } else {
            specs.add(TensorSpec.of("embed_out.weight", config.vocabSize(), h));
        }
        return specs;
    }

    @Override
    public Rotary rotary() {
        return rotary;
    }

    @Override
    public NDArray embed(NDArray ids, NDArray positions) {
        return w("gpt_neox.embed_in.weight").get(ids);
    }

    @Override
    public NDArray layer(int l, NDArray x, LayerContext ctx) {
        String p = "gpt_neox.layers." + l + ".";
        String a = p + "attention.";
        int n = config.numHeads();
        int d = config.headDim();
        boolean bias = config.attentionBias();
        double eps = config.normEps();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);

        NDArray h =
                Norms.layer(x, w(p + "input_layernorm.weight"), w(p + "input_layernorm.bias"), eps);
        NDArray qkv =
                linear(
                                h,
                                w(a + "query_key_value.weight"),
                                bias ? w(a + "query_key_value.bias") : null)
                        .reshape(b, t, n, 3L * d)
                        .transpose(0, 2, 1, 3); // (B, N, T, 3D)
        NDArray q =
                rotary.apply(qkv.get(new NDIndex("..., :{}", d)), ctx.ropeFor(config.isSliding(l)));
        NDArray k =
                rotary.apply(
                        qkv.get(new NDIndex("..., {}:{}", d, 2 * d)),
                        ctx.ropeFor(config.isSliding(l)));
        NDArray v = qkv.get(new NDIndex("..., {}:", 2 * d));
        NDArray[] kv = ctx.keysValues(l, k, v);
        NDArray attn =
                ctx.attend(
                        l,
                        q,
                        kv[0],
                        kv[1],
                        ctx.maskFor(config.isSliding(l)),
                        config.attentionScale()); // (B, T, H)
        attn = linear(attn, w(a + "dense.weight"), bias ? w(a + "dense.bias") : null);
        attn = ctx.sites().at(new Site(l, SiteKind.ATTN_OUT), attn);

        NDArray mlpIn = config.parallelResidual() ? x : x.add(attn);
        NDArray m =
                Norms.layer(
                        mlpIn,
                        w(p + "post_attention_layernorm.weight"),
                        w(p + "post_attention_layernorm.bias"),
                        eps);
        m = ctx.sites().at(new Site(l, SiteKind.MLP_IN), m);
        NDArray up = linear(m, w(p + "mlp.dense_h_to_4h.weight"), w(p + "mlp.dense_h_to_4h.bias"));
        up = ctx.sites().at(new Site(l, SiteKind.MLP_UP), up); // (B, T, I)
        NDArray key = Activations.apply(config.activation(), up);
        key = ctx.sites().at(new Site(l, SiteKind.MLP_KEY), key); // (B, T, I)
        NDArray mlp =
                linear(key, w(p + "mlp.dense_4h_to_h.weight"), w(p + "mlp.dense_4h_to_h.bias"));
        mlp = ctx.sites().at(new Site(l, SiteKind.MLP_OUT), mlp);
        x = config.parallelResidual() ? x.add(attn).add(mlp) : mlpIn.add(mlp);
        return ctx.sites().at(new Site(l, SiteKind.RESID_POST), x);
    }

    @Override
    public NDArray head(NDArray x) {
        NDArray normed =
                Norms.layer(
                        x,
                        w("gpt_neox.final_layer_norm.weight"),
                        w("gpt_neox.final_layer_norm.bias"),
                        config.normEps());
        String out =
                weights.contains("embed_out.weight")
                        ? "embed_out.weight"
                        : "gpt_neox.embed_in.weight";
        return linear(normed, w(out), null);
    }
}
