package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.weights.SafetensorsWriter;
import dev.editgate.model.weights.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a loaded (possibly edited) model as a Hugging Face folder: its weights as they are now (in
 * the compute dtype; a checkpoint over {@link #SHARD_BYTES} is sharded with an index), plus the
 * config and tokenizer files of the folder it came from.
 */
public final class ModelExport {
    static final long SHARD_BYTES = 2L << 30;
    private static final List<String> COPIED =
            List.of(
                    "config.json",
                    "tokenizer.json",
                    "tokenizer_config.json",
                    "generation_config.json",
                    "special_tokens_map.json");

    private ModelExport() {}

    public static void write(LanguageModel model, Path out) {
        if (!(model instanceof TransformerModel tm)) {
            throw new IllegalArgumentException("export needs a model loaded by Models.load");
        }
        TensorDType dtype =
                model.dtype() == DataType.FLOAT16
                        ? TensorDType.F16
                        : model.dtype() == DataType.BFLOAT16 ? TensorDType.BF16 : TensorDType.F32;
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        long bytes = 0;
        for (String name : model.weights().names()) {
            NDArray t = model.weights().get(name);
            try (NDArray f = t.toType(DataType.FLOAT32, true)) {
                writer.add(name, dtype, t.getShape().getShape(), f.toFloatArray());
            }
            bytes += t.getShape().size() * dtype.byteSize();
        }
        try {
            Files.createDirectories(out);
            if (bytes > SHARD_BYTES) {
                writer.writeSharded(out, SHARD_BYTES);
            } else {
                writer.write(out.resolve("model.safetensors"));
            }
            for (String f : COPIED) {
                Path src = tm.source().resolve(f);
                if (Files.isRegularFile(src)) {
                    Files.copy(src, out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException(
                    out + ": cannot write the exported model: " + e.getMessage(), e);
        }
    }
}
