package dev.editgate.model.gpt2;

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
import java.util.Set;

/**
 * GPT2LMHeadModel: learned positions, pre-LayerNorm, fused Conv1D q/k/v (weights [in, out]), GELU
 * MLP, output head tied to the token embeddings. Checkpoints name tensors with or without the
 * {@code transformer.} prefix; both are read, and the names keep the checkpoint's form.
 *
 * <p>Dimensions: B batch, T tokens, H hidden, N heads, D head size, I inner.
 */
public final class Gpt2Decoder extends Decoder {
    private final String prefix;

    public Gpt2Decoder(ModelConfig config, Set<String> checkpointNames) {
        super(config);
        this.prefix =
                checkpointNames.contains("wte.weight")
                                && !checkpointNames.contains("transformer.wte.weight")
                        ? ""
                        : "transformer.";
    }

    @Override
    public MlpOutput mlpOutput(int l) {
        String p = prefix + "h." + l + ".mlp.c_proj";
        return new MlpOutput(p + ".weight", p + ".bias", true);
    }

    @Override
    public List<TensorSpec> tensorSpecs() {
        long h = config.hiddenSize();
        long i = config.intermediateSize();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(TensorSpec.of(prefix + "wte.weight", config.vocabSize(), h)); // (V, H)
        specs.add(TensorSpec.of(prefix + "wpe.weight", config.maxPositions(), h)); // (P, H)
        for (int l = 0; l < config.numLayers(); l++) {
            String p = prefix + "h." + l + ".";
            specs.add(TensorSpec.of(p + "ln_1.weight", h));
            specs.add(TensorSpec.of(p + "ln_1.bias", h));
            specs.add(TensorSpec.of(p + "attn.c_attn.weight", h, 3 * h)); // (H, 3H) Conv1D
            specs.add(TensorSpec.of(p + "attn.c_attn.bias", 3 * h));
            specs.add(TensorSpec.of(p + "attn.c_proj.weight", h, h));
            specs.add(TensorSpec.of(p + "attn.c_proj.bias", h));
            specs.add(TensorSpec.of(p + "ln_2.weight", h));
            specs.add(TensorSpec.of(p + "ln_2.bias", h));
            specs.add(TensorSpec.of(p + "mlp.c_fc.weight", h, i)); // (H, I)
            specs.add(TensorSpec.of(p + "mlp.c_fc.bias", i));
            specs.add(TensorSpec.of(p + "mlp.c_proj.weight", i, h)); // (I, H)
            specs.add(TensorSpec.of(p + "mlp.c_proj.bias", h));
        }
        specs.add(TensorSpec.of(prefix + "ln_f.weight", h));
        specs.add(TensorSpec.of(prefix + "ln_f.bias", h));
        specs.add(TensorSpec.optional("lm_head.weight", config.vocabSize(), h));
        return specs;
    }

    @Override
    public Rotary rotary() {
        return null;
    }

    @Override
    public NDArray embed(NDArray ids, NDArray positions) {
        return w(prefix + "wte.weight").get(ids).add(w(prefix + "wpe.weight").get(positions));
    }

    /** Conv1D: x [.., in] · W [in, out] + b. */
    private static NDArray conv1d(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight).add(bias);
    }

    @Override
    public NDArray layer(int l, NDArray x, LayerContext ctx) {
        String p = prefix + "h." + l + ".";
        int n = config.numHeads();
        int d = config.headDim();
        int h = config.hiddenSize();
        double eps = config.normEps();

        NDArray a = Norms.layer(x, w(p + "ln_1.weight"), w(p + "ln_1.bias"), eps);
        NDArray qkv =
                conv1d(a, w(p + "attn.c_attn.weight"), w(p + "attn.c_attn.bias")); // (B, T, 3H)
        NDArray q = heads(qkv.get(new NDIndex("..., :{}", h)), n, d); // (B, N, T, D)
        NDArray k = heads(qkv.get(new NDIndex("..., {}:{}", h, 2 * h)), n, d);
        NDArray v = heads(qkv.get(new NDIndex("..., {}:", 2 * h)), n, d);
        NDArray[] kv = ctx.keysValues(l, k, v);
        NDArray attn =
                ctx.attend(
                        l,
                        q,
                        kv[0],
                        kv[1],
                        ctx.maskFor(config.isSliding(l)),
                        config.attentionScale()); // (B, T, H)
        attn = conv1d(attn, w(p + "attn.c_proj.weight"), w(p + "attn.c_proj.bias"));
        attn = ctx.sites().at(new Site(l, SiteKind.ATTN_OUT), attn);
        x = x.add(attn);

        NDArray m = Norms.layer(x, w(p + "ln_2.weight"), w(p + "ln_2.bias"), eps);
        m = ctx.sites().at(new Site(l, SiteKind.MLP_IN), m);
        NDArray up = conv1d(m, w(p + "mlp.c_fc.weight"), w(p + "mlp.c_fc.bias")); // (B, T, I)
        up = ctx.sites().at(new Site(l, SiteKind.MLP_UP), up);
        NDArray key = Activations.apply(config.activation(), up);
        key = ctx.sites().at(new Site(l, SiteKind.MLP_KEY), key); // (B, T, I)
        NDArray mlp = conv1d(key, w(p + "mlp.c_proj.weight"), w(p + "mlp.c_proj.bias"));
        mlp = ctx.sites().at(new Site(l, SiteKind.MLP_OUT), mlp);
        x = x.add(mlp);
        return ctx.sites().at(new Site(l, SiteKind.RESID_POST), x);
    }

    @Override
    public NDArray head(NDArray x) {
        NDArray normed =
                Norms.layer(
                        x, w(prefix + "ln_f.weight"), w(prefix + "ln_f.bias"), config.normEps());
        String out = weights.contains("lm_head.weight") ? "lm_head.weight" : prefix + "wte.weight";
        return linear(normed, w(out), null);
    }
}
