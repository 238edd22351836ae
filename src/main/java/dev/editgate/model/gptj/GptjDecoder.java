package dev.editgate.model.gptj;

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
 * GPTJForCausalLM: one LayerNorm feeding attention and MLP in parallel, interleaved rotary over the
 * first {@code rotary_dim} dims of each head, untied output head with bias.
 *
 * <p>Dimensions: B batch, T tokens, H hidden, N heads, D head size, I inner.
 */
public final class GptjDecoder extends Decoder {
    private final Rotary rotary;

    public GptjDecoder(ModelConfig config) {
        super(config);
        this.rotary = new Rotary(config, Rotary.Layout.INTERLEAVED);
    }

    @Override
    public MlpOutput mlpOutput(int l) {
        return MlpOutput.linear("transformer.h." + l + ".mlp.fc_out");
    }

    @Override
    public List<TensorSpec> tensorSpecs() {
        long h = config.hiddenSize();
        long i = config.intermediateSize();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(TensorSpec.of("transformer.wte.weight", config.vocabSize(), h));
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "transformer.h." + l + ".";
            specs.add(TensorSpec.of(p + "ln_1.weight", h));
            specs.add(TensorSpec.of(p + "ln_1.bias", h));
            specs.add(TensorSpec.of(p + "attn.q_proj.weight", h, h)); // (H, H)
            specs.add(TensorSpec.of(p + "attn.k_proj.weight", h, h));
            specs.add(TensorSpec.of(p + "attn.v_proj.weight", h, h));
            specs.add(TensorSpec.of(p + "attn.out_proj.weight", h, h));
            specs.add(TensorSpec.of(p + "mlp.fc_in.weight", i, h)); // (I, H)
            specs.add(TensorSpec.of(p + "mlp.fc_in.bias", i));
            specs.add(TensorSpec.of(p + "mlp.fc_out.weight", h, i)); // (H, I)
            specs.add(TensorSpec.of(p + "mlp.fc_out.bias", h));
        }
        specs.add(TensorSpec.of("transformer.ln_f.weight", h));
        specs.add(TensorSpec.of("transformer.ln_f.bias", h));
        if (config.tieWordEmbeddings()) {
            specs.add(TensorSpec.optional("lm_head.weight", config.vocabSize(), h));
        } else {
            specs.add(TensorSpec.of("lm_head.weight", config.vocabSize(), h));
        }
        specs.add(TensorSpec.optional("lm_head.bias", config.vocabSize()));
        return specs;
    }

    @Override
    public Rotary rotary() {
        return rotary;
    }

    @Override
    public NDArray embed(NDArray ids, NDArray positions) {
        return w("transformer.wte.weight").get(ids);
    }

    @Override
    public NDArray layer(int l, NDArray x, LayerContext ctx) {
        String p = "transformer.h." + l + ".";
        int n = config.numHeads();
        int d = config.headDim();
        NDArray h = Norms.layer(x, w(p + "ln_1.weight"), w(p + "ln_1.bias"), config.normEps());
        NDArray q =
                rotary.apply(
                        heads(linear(h, w(p + "attn.q_proj.weight"), null), n, d),
                        ctx.ropeFor(config.isSliding(l)));
        NDArray k =
                rotary.apply(
                        heads(linear(h, w(p + "attn.k_proj.weight"), null), n, d),
                        ctx.ropeFor(config.isSliding(l)));
        NDArray v = heads(linear(h, w(p + "attn.v_proj.weight"), null), n, d);
        NDArray[] kv = ctx.keysValues(l, k, v);
        NDArray attn =
                ctx.attend(
                        l,
                        q,
                        kv[0],
                        kv[1],
                        ctx.maskFor(config.isSliding(l)),
                        config.attentionScale());
        attn = linear(attn, w(p + "attn.out_proj.weight"), null);
        attn = ctx.sites().at(new Site(l, SiteKind.ATTN_OUT), attn);

        NDArray mlpIn = ctx.sites().at(new Site(l, SiteKind.MLP_IN), h); // the MLP's view of h
        NDArray up = linear(mlpIn, w(p + "mlp.fc_in.weight"), w(p + "mlp.fc_in.bias"));
        up = ctx.sites().at(new Site(l, SiteKind.MLP_UP), up); // (B, T, I)
        NDArray key = Activations.apply(config.activation(), up);
        key = ctx.sites().at(new Site(l, SiteKind.MLP_KEY), key); // (B, T, I)
        NDArray mlp = linear(key, w(p + "mlp.fc_out.weight"), w(p + "mlp.fc_out.bias"));
        mlp = ctx.sites().at(new Site(l, SiteKind.MLP_OUT), mlp);
        x = x.add(attn).add(mlp);
        return ctx.sites().at(new Site(l, SiteKind.RESID_POST), x);
    }

    @Override
    public NDArray head(NDArray x) {
        NDArray normed =
                Norms.layer(
                        x,
                        w("transformer.ln_f.weight"),
                        w("transformer.ln_f.bias"),
                        config.normEps());
        String out =
                weights.contains("lm_head.weight") ? "lm_head.weight" : "transformer.wte.weight";
        return linear(normed, w(out), weights.contains("lm_head.bias") ? w("lm_head.bias") : null);
    }
}
