package dev.editgate.edit.external;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.weights.CheckpointException;
import dev.editgate.model.weights.SafetensorsFile;
import dev.editgate.model.weights.TensorDType;
import dev.editgate.model.weights.TensorInfo;
import dev.editgate.model.weights.WeightStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors a worker returned for one batch, read from its safetensors file and checked against
 * the model before anything is written: every name is one of the model's tensors, with the model's
 * shape and dtype, and every value is finite. Only then {@link #writeTo} sets them through {@link
 * WeightStore#set} (journal, drift and restore see them as they see built-in methods' changes).
 */
final class ReturnedTensors {
    private final Map<String, float[]> values;
    private final Map<String, long[]> shapes;

    private ReturnedTensors(Map<String, float[]> values, Map<String, long[]> shapes) {
        this.values = values;
        this.shapes = shapes;
    }

    /** No tensor changed (an answer without a file). */
    static ReturnedTensors none() {
        return new ReturnedTensors(Map.of(), Map.of());
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws WorkerException naming the file, the tensor and the problem
     */
    static ReturnedTensors read(Path file, WeightStore weights) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (TensorInfo t : f.tensors().values()) {
                String name = t.name();
                if (!weights.contains(name)) {
                    String near;
                    try {
                        weights.get(name);
                        near = "";
                    } catch (IllegalArgumentException e) {
                        near = e.getMessage().replaceFirst("^no tensor '[^']*'; ", "");
                    }
                    throw new WorkerException(
                            "returned tensor '"
                                    + name
                                    + "', which the model does not have ("
                                    + near
                                    + ")");
                }
                NDArray current = weights.get(name);
                long[] expected = current.getShape().getShape();
                if (!Arrays.equals(expected, t.shape())) {
                    throw new WorkerException(
                            "returned tensor '"
                                    + name
                                    + "' with shape "
                                    + Arrays.toString(t.shape())
                                    + "; the model's is "
                                    + Arrays.toString(expected));
                }
                TensorDType dtype = dtypeOf(current.getDataType());
                if (t.dtype() != dtype) {
                    throw new WorkerException(
                            "returned tensor '"
                                    + name
                                    + "' as "
                                    + t.dtype().safetensorsName()
                                    + "; the model holds it as "
                                    + (dtype == null
                                            ? current.getDataType()
                                            : dtype.safetensorsName())
                                    + " (load the model with the dtype of the load request)");
                }
                float[] data = f.readFloats(name);
                for (int i = 0; i < data.length; i++) {
                    if (!Float.isFinite(data[i])) {
                        throw new WorkerException(
                                "returned tensor '"
                                        + name
                                        + "' with a non-finite value ("
                                        + data[i]
                                        + " at flat index "
                                        + i
                                        + " of "
                                        + data.length
                                        + ")");
                    }
                }
                values.put(name, data);
                shapes.put(name, t.shape());
            }
        } catch (CheckpointException e) {
            throw new WorkerException(
                    "returned a tensors file that is not valid safetensors: " + e.getMessage(), e);
        }
        return new ReturnedTensors(values, shapes);
    }

    /** Names of the returned tensors, in file order. */
    List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** Writes every tensor into {@code weights} (converted to the model's dtype, exact). */
    void writeTo(WeightStore weights, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                NDArray value = scope.create(e.getValue(), new Shape(shapes.get(e.getKey())));
                weights.set(e.getKey(), value);
            }
        }
    }

    private static TensorDType dtypeOf(DataType t) {
        return switch (t) {
            case FLOAT32 -> TensorDType.F32;
            case FLOAT16 -> TensorDType.F16;
            case BFLOAT16 -> TensorDType.BF16;
            case FLOAT64 -> TensorDType.F64;
            default -> null;
        };
    }
}
