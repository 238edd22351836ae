package dev.editgate.edit.mend;

import ai.djl.ndarray.types.Shape;
import dev.editgate.edit.EditException;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.ModelFamily;
import dev.editgate.model.Site;
import dev.editgate.model.SiteKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One weight matrix MEND edits (an {@code inner_param} of the reference): its Hugging Face name,
 * where the forward pass reads its input (u) and writes its output (whose gradient is δ), and its
 * shape as the reference keys it, {@code (in, out)}.
 *
 * <p>Layouts: torch {@code Linear} weights are stored {@code [out, in]}; GPT-2's {@code Conv1D}
 * weights {@code [in, out]} ({@link #conv1d}). Either way the layer computes {@code y = x·Wᵀ} resp.
 * {@code y = x·W} with x [.., in] and y [.., out].
 *
 * @param name Hugging Face tensor name
 * @param layer decoder layer (0-based)
 * @param input site whose activation is this matrix's input, [B, T, in]
 * @param output site whose activation is this matrix's output, [B, T, out]
 * @param in input width
 * @param out output width
 * @param conv1d whether the stored layout is {@code [in, out]}
 */
record MendMatrix(
        String name, int layer, SiteKind input, SiteKind output, int in, int out, boolean conv1d) {

    /** The reference's key of the shared transform: {@code str(tuple(get_shape(p)))}. */
    String shapeKey() {
        return "(" + in + ", " + out + ")";
    }

    Site inputSite() {
        return new Site(layer, input);
    }

    Site outputSite() {
        return new Site(layer, output);
    }

    /** The stored shape: {@code [out, in]}, or {@code [in, out]} for Conv1D. */
    Shape storedShape() {
        return conv1d ? new Shape(in, out) : new Shape(out, in);
    }

    /** The last {@code count} layers of {@code model} (fewer when it has fewer). */
    static List<Integer> lastLayers(LanguageModel model, int count) {
        int n = model.numLayers();
        List<Integer> out = new ArrayList<>();
        for (int l = Math.max(0, n - count); l < n; l++) {
            out.add(l);
        }
        return out;
    }

    /**
     * The MLP matrices of {@code layers}, in the reference's order: LLaMA-style gate, up, down per
     * layer (EasyEdit's llama-7b); GPT-2 {@code c_proj}, {@code c_fc} (gpt2-xl); GPT-J {@code
     * fc_in}, {@code fc_out}; GPT-NeoX {@code dense_h_to_4h}, {@code dense_4h_to_h} (by analogy).
     */
    static List<MendMatrix> mlp(LanguageModel model, List<Integer> layers) {
        List<MendMatrix> out = new ArrayList<>();
        ModelFamily family = model.config().family();
        for (int l : layers) {
            if (l < 0 || l >= model.numLayers()) {
                throw new EditException(
                        "mend: layer "
                                + l
                                + " is out of range: the model has "
                                + model.numLayers()
                                + " layers (0.."
                                + (model.numLayers() - 1)
                                + ")");
            }
            switch (family) {
                case GPT2 -> {
                    String p = mlpModule(model, l);
                    out.add(of(model, p + "c_proj.weight", l, SiteKind.MLP_KEY, SiteKind.MLP_OUT));
                    out.add(of(model, p + "c_fc.weight", l, SiteKind.MLP_IN, SiteKind.MLP_UP));
                }
                case GPTJ -> {
                    String p = mlpModule(model, l);
                    out.add(of(model, p + "fc_in.weight", l, SiteKind.MLP_IN, SiteKind.MLP_UP));
                    out.add(of(model, p + "fc_out.weight", l, SiteKind.MLP_KEY, SiteKind.MLP_OUT));
                }
                case GPT_NEOX -> {
                    String p = mlpModule(model, l);
                    out.add(
                            of(
                                    model,
                                    p + "dense_h_to_4h.weight",
                                    l,
                                    SiteKind.MLP_IN,
                                    SiteKind.MLP_UP));
                    out.add(
                            of(
                                    model,
                                    p + "dense_4h_to_h.weight",
                                    l,
                                    SiteKind.MLP_KEY,
                                    SiteKind.MLP_OUT));
                }
                default -> {
                    String p = mlpModule(model, l);
                    out.add(
                            of(
                                    model,
                                    p + "gate_proj.weight",
                                    l,
                                    SiteKind.MLP_IN,
                                    SiteKind.MLP_GATE));
                    out.add(of(model, p + "up_proj.weight", l, SiteKind.MLP_IN, SiteKind.MLP_UP));
                    out.add(
                            of(
                                    model,
                                    p + "down_proj.weight",
                                    l,
                                    SiteKind.MLP_KEY,
                                    SiteKind.MLP_OUT));
                }
            }
        }
        return out;
    }

    /** The matrix called {@code name}, if it is one of {@link #mlp} for some layer. */
    static MendMatrix byName(LanguageModel model, String name) {
        for (int l = 0; l < model.numLayers(); l++) {
            if (name.contains("." + l + ".")) {
                for (MendMatrix m : mlp(model, List.of(l))) {
                    if (m.name.equals(name)) {
                        return m;
                    }
                }
            }
        }
        throw new EditException(
                "mend: '"
                        + name
                        + "' is not an MLP weight MEND can edit in this "
                        + model.config().modelType()
                        + " model (accepted: "
                        + mlp(model, List.of(model.numLayers() - 1)).stream()
                                .map(MendMatrix::name)
                                .toList()
                        + ", and the same in other layers)");
    }

    /**
     * Layer {@code l}'s MLP module as the family names it in this checkpoint ({@code
     * transformer.h.3.mlp.}, {@code h.3.mlp.}, {@code gpt_neox.layers.3.mlp.}, {@code
     * model.layers.3.mlp.}): the module of its output projection ({@link LanguageModel#mlpOutput}),
     * which the other MLP matrices share.
     */
    static String mlpModule(LanguageModel model, int l) {
        String weight = model.mlpOutput(l).weight(); // <module>.<projection>.weight
        String projection = weight.substring(0, weight.length() - ".weight".length());
        return projection.substring(0, projection.lastIndexOf('.') + 1);
    }

    private static MendMatrix of(
            LanguageModel model, String name, int layer, SiteKind input, SiteKind output) {
        if (!model.weights().contains(name)) {
            throw new EditException(
                    "mend: the model has no tensor "
                            + name
                            + " ("
                            + model.config().modelType()
                            + "); cannot edit layer "
                            + layer);
        }
        Shape s = model.weights().get(name).getShape();
        boolean conv1d = model.mlpOutput(layer).conv1d();
        long in = conv1d ? s.get(0) : s.get(1);
        long out = conv1d ? s.get(1) : s.get(0);
        return new MendMatrix(name, layer, input, output, (int) in, (int) out, conv1d);
    }
}
