package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.MlpOutput;
import dev.editgate.model.ModelFamily;

/**
 * The MLP's output projection of one layer: the matrix ROME, MEMIT and FT-L rewrite. Its input is
 * the MLP key ({@code Site.mlpKey}, width I) and its output the MLP output ({@code Site.mlpOut},
 * width H).
 *
 * <p>Layouts differ by family: LLaMA, GPT-J and GPT-NeoX store a torch {@code Linear} weight {@code
 * [H, I]} (out, in); GPT-2 stores a {@code Conv1D} weight {@code [I, H]} (in, out). Editors compute
 * updates as {@code [H, I]} and call {@link #toStoredLayout} before adding them.
 */
public final class MlpProjection {
    private final String weightName;
    private final String biasName;
    private final boolean conv1d;

    private MlpProjection(String weightName, String biasName, boolean conv1d) {
        this.weightName = weightName;
        this.biasName = biasName;
        this.conv1d = conv1d;
    }

    /** The output projection of {@code layer}; checks the layer range. */
    public static MlpProjection of(LanguageModel model, int layer) {
        int layers = model.numLayers();
        if (layer < 0 || layer >= layers) {
            throw new EditException(
                    "layer "
                            + layer
                            + " is out of range: the model has "
                            + layers
                            + " layers (0.."
                            + (layers - 1)
                            + ")");
        }
        ModelFamily family = model.config().family();
        MlpOutput names = model.mlpOutput(layer); // the family names its own tensors
        MlpProjection p = new MlpProjection(names.weight(), names.bias(), names.conv1d());
        if (!model.weights().contains(p.weightName)) {
            throw new EditException(
                    "the model has no tensor "
                            + p.weightName
                            + " (family "
                            + family
                            + "); cannot edit layer "
                            + layer);
        }
        return p;
    }

    /** Hugging Face name of the weight. */
    public String weightName() {
        return weightName;
    }

    /** Hugging Face name of the bias (may be absent from the model: see {@link #hasBias}). */
    public String biasName() {
        return biasName;
    }

    public boolean hasBias(LanguageModel model) {
        return model.weights().contains(biasName);
    }

    /** Whether the stored weight is GPT-2's {@code Conv1D} layout {@code [I, H]}. */
    public boolean conv1d() {
        return conv1d;
    }

    /** A copy of the stored weight as {@code [H, I]}, attached to {@code out}. */
    public NDArray outIn(LanguageModel model, NDManager out) {
        NDArray w = model.weights().get(weightName);
        NDArray c = w.duplicate();
        c.attach(out);
        return conv1d ? c.transpose() : c; // [H, I]
    }

    /** Converts an {@code [H, I]} update to the stored layout. */
    public NDArray toStoredLayout(NDArray outIn) {
        return conv1d ? outIn.transpose() : outIn;
    }

    /** Adds {@code deltaOutIn} ([H, I]) to the stored weight in place. */
    public void addInPlace(LanguageModel model, NDArray deltaOutIn) {
        try (NDManager tmp = model.manager().newSubManager()) {
            NDArray w = model.weights().get(weightName);
            NDArray stored = toStoredLayout(deltaOutIn).toType(w.getDataType(), false);
            if (stored != deltaOutIn) {
                stored.attach(tmp);
            }
            NDArray sum = w.add(stored);
            sum.attach(tmp);
            model.weights().set(weightName, sum);
        }
    }
}
