package dev.editgate.edit.stats;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;

/**
 * What second-moment statistics to collect.
 *
 * @param corpus a UTF-8 text file; samples are its paragraphs (blank-line or {@code <|endoftext|>}
 *     separated; WikiText {@code = Heading =} lines dropped)
 * @param samples how many samples to use (ROME's {@code mom2_n_samples}); fewer when the corpus has
 *     fewer
 * @param dtype accumulation dtype ({@code mom2_dtype}: float32 or float64)
 * @param maxLength tokens kept per sample
 * @param batchSize samples per forward pass
 * @param cacheDir root of the disk cache (setting {@code editgate.stats}, default {@code
 *     .editgate/stats})
 */
public record StatsSpec(
        Path corpus, int samples, DataType dtype, int maxLength, int batchSize, Path cacheDir) {

    public StatsSpec {
        if (samples <= 0) {
            throw new IllegalArgumentException("mom2_n_samples must be > 0, was " + samples);
        }
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64) {
            throw new IllegalArgumentException(
                    "mom2_dtype must be float32 or float64, was " + dtype);
        }
        if (maxLength < 2 || batchSize < 1) {
            throw new IllegalArgumentException("maxLength >= 2 and batchSize >= 1 required");
        }
    }

    /** Parses {@code float32}/{@code float64} (also {@code torch.float32} style). */
    public static DataType parseDtype(String name) {
        String n = name.toLowerCase().replace("torch.", "");
        return switch (n) {
            case "float32", "float", "fp32" -> DataType.FLOAT32;
            case "float64", "double", "fp64" -> DataType.FLOAT64;
            default ->
                    throw new IllegalArgumentException(
                            "mom2_dtype '" + name + "' not accepted; accepted: float32, float64");
        };
    }
}
