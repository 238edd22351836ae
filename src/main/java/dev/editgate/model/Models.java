package dev.editgate.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.weights.Checkpoint;
import dev.editgate.model.weights.CheckpointException;
import dev.editgate.model.weights.NdWeightStore;
import dev.editgate.model.weights.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Hugging Face model folders: {@code config.json}, {@code tokenizer.json}, and weights from
 * {@code model.safetensors} or a sharded index, in F32, F16 or BF16, into a compute dtype on a
 * device. Only the tensors the architecture reads are loaded; each is checked against the shape the
 * config implies before a byte of it is read.
 */
public final class Models {
    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    private Models() {}

    /**
     * The compute dtypes {@link #load} accepts, by their canonical names (it also reads {@code
     * fp32}, {@code f16}, {@code half}, {@code bf16}); suites are validated against this list.
     */
    public static final List<String> DTYPES = List.of("float32", "float16", "bfloat16", "auto");

    /**
     * @param dtype {@code float32}, {@code float16}, {@code bfloat16}, or {@code auto} (float32 on
     *     CPU, the checkpoint's {@code torch_dtype} on a GPU)
     * @param device {@code cpu}, {@code cuda}, {@code cuda:N}, or {@code auto} (the first GPU if
     *     there is one): {@link Devices}
     */
    public static LanguageModel load(Path dir, String dtype, String device) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(
                    dir + ": not a folder; expected a Hugging Face model folder");
        }
        ModelConfig config = ModelConfig.load(dir);
        Device dev = device(device);
        DataType dt = dtype(dtype, dev, config);
        long started = System.nanoTime();
        TextTokenizer tokenizer = TextTokenizer.load(dir, config);
        NDManager manager = NDManager.newBaseManager(dev, "PyTorch");
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            Decoder decoder = Decoder.of(config, checkpoint.tensors().keySet());
            NdWeightStore store = new NdWeightStore(manager);
            Scratch scratch = new Scratch();
            for (TensorSpec spec : decoder.tensorSpecs()) {
                if (!checkpoint.contains(spec.name())) {
                    if (spec.optional()) {
                        continue;
                    }
                    throw new ModelLoadException(
                            checkpoint.location()
                                    + ": tensor '"
                                    + spec.name()
                                    + "' required by this "
                                    + config.modelType()
                                    + " config is missing (expected shape "
                                    + Arrays.toString(spec.shape())
                                    + ")");
                }
                store.put(spec.name(), read(checkpoint, spec, manager, dt, scratch));
            }
            decoder.bind(store);
            LOG.info(
                    "loaded {} ({} layers, {} tensors) from {} as {} on {} in {} ms",
                    config.modelType(),
                    config.numLayers(),
                    store.names().size(),
                    dir,
                    dt,
                    dev,
                    (System.nanoTime() - started) / 1_000_000);
            return new TransformerModel(dir, config, tokenizer, manager, store, decoder, dt);
        } catch (RuntimeException e) {
            manager.close();
            tokenizer.close();
            if (e instanceof CheckpointException || e instanceof ModelLoadException) {
                throw e;
            }
            throw new ModelLoadException(dir + ": cannot load model: " + e.getMessage(), e);
        }
    }

    private static NDArray read(
            Checkpoint checkpoint,
            TensorSpec spec,
            NDManager manager,
            DataType dt,
            Scratch scratch) {
        TensorInfo info = checkpoint.tensor(spec.name());
        if (!Arrays.equals(info.shape(), spec.shape())) {
            throw new ModelLoadException(
                    info.file()
                            + ": tensor '"
                            + spec.name()
                            + "' has shape "
                            + Arrays.toString(info.shape())
                            + " but the config implies "
                            + Arrays.toString(spec.shape()));
        }
        if (!info.dtype().isFloatingPoint()) {
            throw new ModelLoadException(
                    info.file()
                            + ": tensor '"
                            + spec.name()
                            + "' is "
                            + info.dtype()
                            + "; weights must be F32, F16 or BF16");
        }
        long bytes = info.elementCount() * 4;
        if (bytes > Integer.MAX_VALUE) {
            throw new ModelLoadException(
                    info.file()
                            + ": tensor '"
                            + spec.name()
                            + "' needs "
                            + bytes
                            + " bytes as float32, more than one buffer holds (2 GiB)");
        }
        ByteBuffer buf = scratch.take((int) bytes);
        checkpoint.readAsFloat32(spec.name(), buf);
        buf.rewind();
        Shape shape = new Shape(spec.shape());
        // copied out of the scratch buffer into native tensor memory, so one buffer serves every
        // tensor and the weights do not count against the JVM's direct-memory limit
        if (manager.getDevice().equals(Device.cpu())) {
            NDArray view =
                    manager.create(buf, shape, DataType.FLOAT32); // shares the scratch buffer
            NDArray owned = dt == DataType.FLOAT32 ? view.duplicate() : view.toType(dt, true);
            view.close();
            return owned;
        }
        try (NDManager staging = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = staging.create(buf, shape, DataType.FLOAT32);
            NDArray onDevice = a.toDevice(manager.getDevice(), true).toType(dt, false);
            onDevice.attach(manager);
            return onDevice;
        }
    }

    /** One direct buffer, grown to the largest tensor read so far. */
    private static final class Scratch {
        private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

        ByteBuffer take(int bytes) {
            if (buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear();
            buffer.limit(bytes);
            return buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    static Device device(String spec) {
        String s = spec == null ? "auto" : spec;
        int gpus = s.equals("cpu") ? 0 : Engine.getEngine("PyTorch").getGpuCount();
        return Devices.resolve(s, gpus);
    }

    static DataType dtype(String spec, Device device, ModelConfig config) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "float32", "fp32", "f32" -> DataType.FLOAT32;
            case "float16", "fp16", "f16", "half" -> DataType.FLOAT16;
            case "bfloat16", "bf16" -> DataType.BFLOAT16;
            case "auto" -> device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
            default ->
                    throw new ModelLoadException(
                            "dtype '"
                                    + spec
                                    + "' not understood; accepted: "
                                    + String.join(", ", DTYPES));
        };
    }
}
