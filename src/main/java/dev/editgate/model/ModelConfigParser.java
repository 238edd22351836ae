package dev.editgate.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads {@code config.json} into a {@link ModelConfig}: the {@link Family} of its {@code
 * model_type} reads its own keys; the attention scale defaults to 1/sqrt(head size); what every
 * family needs (positive sizes, heads a multiple of key/value heads, rotary within the head, a
 * known activation) is checked here.
 */
final class ModelConfigParser {
    private final JsonNode root;
    private final String source;

    ModelConfigParser(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    ModelConfig parse() {
        ConfigJson json = new ConfigJson(root, source);
        String type = json.text("model_type", null);
        if (type == null) {
            throw new ModelLoadException(
                    source + ": no \"model_type\"; supported: " + Families.supported());
        }
        Family family =
                Families.forModelType(type)
                        .orElseThrow(
                                () ->
                                        new ModelLoadException(
                                                source
                                                        + ": model_type \""
                                                        + type
                                                        + "\" is not supported; supported: "
                                                        + Families.supported()));
        ModelConfig c = family.read(json, type);
        if (c.attentionScale() <= 0) {
            c = c.toBuilder().attentionScale(1.0 / Math.sqrt(c.headDim())).build();
        }
        validate(c);
        return c;
    }

    private void validate(ModelConfig c) {
        positive("vocab_size", c.vocabSize());
        positive("hidden size", c.hiddenSize());
        positive("intermediate size", c.intermediateSize());
        positive("layers", c.numLayers());
        positive("attention heads", c.numHeads());
        positive("key/value heads", c.numKvHeads());
        if (c.numHeads() % c.numKvHeads() != 0) {
            throw new ModelLoadException(
                    source
                            + ": num_attention_heads "
                            + c.numHeads()
                            + " is not a multiple of num_key_value_heads "
                            + c.numKvHeads());
        }
        if (c.rotaryDim() % 2 != 0 || c.rotaryDim() > c.headDim()) {
            throw new ModelLoadException(
                    source
                            + ": rotary dimension "
                            + c.rotaryDim()
                            + " must be even and at most the head size "
                            + c.headDim());
        }
        String act = c.activation();
        if (!act.equals("silu")
                && !act.equals("gelu")
                && !act.equals("gelu_new")
                && !act.equals("gelu_pytorch_tanh")
                && !act.equals("relu")
                && !act.equals("gelu_fast")) {
            throw new ModelLoadException(
                    source
                            + ": activation \""
                            + act
                            + "\" is not supported; supported: silu, gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu");
        }
    }

    private void positive(String what, int v) {
        if (v <= 0) {
            throw new ModelLoadException(source + ": " + what + " must be positive, was " + v);
        }
    }
}
