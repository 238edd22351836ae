/**
 * Safetensors checkpoints: reading ({@link dev.editgate.model.weights.SafetensorsFile}, and {@link
 * dev.editgate.model.weights.Checkpoint} over a model folder, single-file or sharded) and writing
 * ({@link dev.editgate.model.weights.SafetensorsWriter}).
 *
 * <p>Headers are untrusted input: lengths, JSON, dtypes, shapes and offsets are validated before
 * any tensor byte is used, and every failure is a {@link
 * dev.editgate.model.weights.CheckpointException} naming the file, the tensor and what is accepted.
 * Data is read with positional reads, so files past 2 GiB work; F16 and BF16 convert to float32
 * through {@link dev.editgate.model.weights.HalfPrecision}.
 */
package dev.editgate.model.weights;
