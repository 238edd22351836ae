package dev.editgate.model.gguf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.weights.CheckpointException;
import dev.editgate.model.weights.SafetensorsWriter;
import dev.editgate.model.weights.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a GGUF file into an ordinary Hugging Face folder (config.json, safetensors shards with
 * an index, tokenizer.json, generation_config.json), as transformers does when it loads a GGUF:
 * tensors dequantised to float32 and renamed from llama.cpp's names, LLaMA's q/k rows permuted back
 * from llama.cpp's interleaved rotary layout, Gemma's norm weights stored without llama.cpp's +1.
 *
 * <p>Supported {@code general.architecture}s: {@code llama}, {@code qwen2}, {@code gemma3}.
 */
public final class GgufImport {
    private static final Logger LOG = LoggerFactory.getLogger(GgufImport.class);
    static final long SHARD_BYTES = 1L << 30;

    private GgufImport() {}

    /** Writes the Hugging Face folder of {@code ggufFile} into {@code outDir}. */
    public static void toHuggingFace(Path ggufFile, Path outDir) {
        try (GgufFile gguf = GgufFile.open(ggufFile)) {
            GgufConfigMapping mapping = GgufConfigMapping.of(gguf);
            Files.createDirectories(outDir);
            ObjectMapper json = new ObjectMapper();
            json.writerWithDefaultPrettyPrinter()
                    .writeValue(outDir.resolve("config.json").toFile(), mapping.config());
            ObjectNode gen = json.createObjectNode();
            gen.set("bos_token_id", mapping.config().get("bos_token_id"));
            gen.set("eos_token_id", mapping.config().get("eos_token_id"));
            json.writerWithDefaultPrettyPrinter()
                    .writeValue(outDir.resolve("generation_config.json").toFile(), gen);
            GgufTokenizerExport.write(gguf, outDir.resolve("tokenizer.json"));
            writeWeights(gguf, mapping, outDir);
        } catch (IOException e) {
            throw new CheckpointException(
                    outDir + ": cannot write the converted model (" + e.getMessage() + ")", e);
        }
    }

    /** Tensors in shards of at most {@link #SHARD_BYTES}, each written before the next is read. */
    private static void writeWeights(GgufFile gguf, GgufConfigMapping mapping, Path outDir)
            throws IOException {
        List<List<String>> shards = new ArrayList<>();
        long size = SHARD_BYTES;
        long total = 0;
        for (GgufTensorInfo t : gguf.tensors().values()) {
            if (mapping.hfName(t.name()) == null) {
                continue;
            }
            long bytes = t.elementCount() * 4;
            if (size + bytes > SHARD_BYTES && size > 0) {
                shards.add(new ArrayList<>());
                size = 0;
            }
            shards.get(shards.size() - 1).add(t.name());
            size += bytes;
            total += bytes;
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (int s = 0; s < shards.size(); s++) {
            String file = String.format("model-%05d-of-%05d.safetensors", s + 1, shards.size());
            SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
            for (String name : shards.get(s)) {
                GgufTensorInfo info = gguf.tensor(name);
                String hf = mapping.hfName(name);
                float[] values = mapping.toHuggingFace(name, info.shape(), gguf.readFloats(name));
                writer.add(hf, TensorDType.F32, info.shape(), values);
                weightMap.put(hf, file);
            }
            writer.write(outDir.resolve(file));
            LOG.info("wrote {} ({} tensors)", outDir.resolve(file), shards.get(s).size());
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = json.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        json.writerWithDefaultPrettyPrinter()
                .writeValue(outDir.resolve("model.safetensors.index.json").toFile(), index);
    }
}
