package dev.editgate.model.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.ModelConfig;
import dev.editgate.model.ModelLoadException;
import dev.editgate.model.TensorSpec;
import dev.editgate.model.weights.SafetensorsWriter;
import dev.editgate.model.weights.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a randomly initialised checkpoint of any supported {@code config.json} in Hugging Face
 * layout, as transformers' {@code _init_weights} does: matrices and embeddings from N(0, {@code
 * initializer_range}) (default 0.02), norm weights 1, biases 0. Each tensor has its own generator
 * seeded from the seed and the tensor's index, so the same seed gives the same bytes.
 *
 * <p>The folder also gets a byte-level tokenizer ({@link ByteLevelTokenizerJson}): 256 byte tokens
 * and {@code <|endoftext|>}, enough to run any text through the model at realistic shapes.
 */
public final class RandomInit {
    private static final Logger LOG = LoggerFactory.getLogger(RandomInit.class);

    private RandomInit() {}

    /** Creates {@code outDir} with config.json, model.safetensors, tokenizer.json. */
    public static void create(Path configJson, Path outDir, long seed) {
        create(configJson, outDir, seed, TensorDType.F32);
    }

    public static void create(Path configJson, Path outDir, long seed, TensorDType dtype) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(configJson.toFile());
        } catch (IOException e) {
            throw new ModelLoadException(configJson + ": not valid JSON: " + e.getMessage(), e);
        }
        ModelConfig config = ModelConfig.parse(root, configJson.toString());
        if (config.vocabSize() < ByteLevelTokenizerJson.SIZE) {
            throw new ModelLoadException(
                    configJson
                            + ": vocab_size "
                            + config.vocabSize()
                            + " is below the "
                            + ByteLevelTokenizerJson.SIZE
                            + " tokens of the byte-level tokenizer init-model writes");
        }
        double std = root.path("initializer_range").asDouble(0.02);
        List<TensorSpec> specs = TensorSpecs.of(config);
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        long params = 0;
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec spec = specs.get(i);
            if (spec.optional()) {
                continue; // tied output heads
            }
            float[] data = values(spec, std, new SplittableRandom(seed * 1_000_003L + i));
            params += data.length;
            writer.add(spec.name(), dtype, spec.shape(), data);
        }
        try {
            Files.createDirectories(outDir);
            writer.write(outDir.resolve("model.safetensors"));
            ObjectNode cfg = ((ObjectNode) root.deepCopy());
            cfg.put("bos_token_id", ByteLevelTokenizerJson.EOS_ID);
            cfg.put("eos_token_id", ByteLevelTokenizerJson.EOS_ID);
            cfg.put(
                    "torch_dtype",
                    dtype == TensorDType.F32
                            ? "float32"
                            : dtype == TensorDType.F16 ? "float16" : "bfloat16");
            new ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(outDir.resolve("config.json").toFile(), cfg);
            Files.writeString(outDir.resolve("tokenizer.json"), ByteLevelTokenizerJson.json());
        } catch (IOException e) {
            throw new ModelLoadException(
                    outDir + ": cannot write checkpoint: " + e.getMessage(), e);
        }
        LOG.info(
                "wrote {} ({} parameters, seed {}) to {}",
                config.modelType(),
                params,
                seed,
                outDir);
    }

    private static float[] values(TensorSpec spec, double std, SplittableRandom random) {
        long n = 1;
        for (long d : spec.shape()) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException(
                    "tensor '"
                            + spec.name()
                            + "' has "
                            + n
                            + " elements, more than one array holds");
        }
        float[] data = new float[(int) n];
        String name = spec.name();
        boolean norm = name.contains("norm") || name.contains("ln_");
        if (name.endsWith(".bias")) {
            return data;
        }
        if (norm && spec.shape().length == 1) {
            java.util.Arrays.fill(data, 1f);
            return data;
        }
        for (int i = 0; i < data.length; i += 2) {
            // Box-Muller: two normals per pair of uniforms
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1)) * std;
            data[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < data.length) {
                data[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return data;
    }
}
