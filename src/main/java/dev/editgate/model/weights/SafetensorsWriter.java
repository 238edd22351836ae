package dev.editgate.model.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes named tensors as a safetensors file, or as a sharded checkpoint with an index.
 *
 * <p>The layout follows the reference implementation: an 8-byte little-endian header length, the
 * JSON header padded with spaces to a multiple of 8 bytes, then the tensors' data ordered by
 * element size (largest first) and name, so every tensor is aligned to its element size.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_ELEMENTS = 1 << 18;

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(
            String name, TensorDType dtype, long[] shape, long byteLength, Object data) {}

    /** Adds a {@code __metadata__} entry (for example {@code "format" -> "pt"}). */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * Adds a floating-point tensor from float32 values, stored as {@code dtype} (F32, F16, BF16 or
     * F64; 16-bit types are rounded to nearest even).
     */
    public SafetensorsWriter add(String name, TensorDType dtype, long[] shape, float[] data) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': float data can be stored as "
                            + "F32, F16, BF16 or F64, not "
                            + dtype);
        }
        return put(name, dtype, shape, data.length, data.clone());
    }

    /** Adds an I64 tensor. */
    public SafetensorsWriter addLongs(String name, long[] shape, long[] data) {
        return put(name, TensorDType.I64, shape, data.length, data.clone());
    }

    /**
     * Adds a tensor of any dtype from its little-endian bytes (the buffer's remaining bytes; it is
     * not consumed).
     */
    public SafetensorsWriter add(String name, TensorDType dtype, long[] shape, ByteBuffer data) {
        int size = dtype.byteSize();
        if (data.remaining() % size != 0) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': "
                            + data.remaining()
                            + " bytes is not a whole number of "
                            + dtype
                            + " elements");
        }
        return put(name, dtype, shape, data.remaining() / size, data.slice());
    }

    private SafetensorsWriter put(
            String name, TensorDType dtype, long[] shape, long count, Object data) {
        if (name == null || name.isEmpty() || name.equals("__metadata__")) {
            throw new IllegalArgumentException("tensor name '" + name + "' is reserved or empty");
        }
        if (entries.containsKey(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' was already added");
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "': negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != count) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': shape "
                            + Arrays.toString(shape)
                            + " has "
                            + n
                            + " elements but "
                            + count
                            + " were given");
        }
        entries.put(name, new Entry(name, dtype, shape.clone(), n * dtype.byteSize(), data));
        return this;
    }

    /** Writes all tensors to one file, replacing it. */
    public void write(Path file) {
        writeFile(file, new ArrayList<>(entries.values()));
    }

    /**
     * Writes a checkpoint into {@code dir}: {@code model.safetensors} when everything fits in
     * {@code maxShardBytes}, otherwise {@code model-0000i-of-0000n.safetensors} shards plus {@code
     * model.safetensors.index.json}. A tensor larger than the limit gets a shard of its own.
     *
     * @return the files written
     */
    public List<Path> writeSharded(Path dir, long maxShardBytes) {
        List<List<Entry>> groups = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        long currentBytes = 0;
        for (Entry e : entries.values()) {
            if (!current.isEmpty() && currentBytes + e.byteLength() > maxShardBytes) {
                groups.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(e);
            currentBytes += e.byteLength();
        }
        groups.add(current);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot create folder (" + e + ")", e);
        }
        if (groups.size() == 1) {
            Path file = dir.resolve(Checkpoint.SINGLE_FILE);
            writeFile(file, groups.get(0));
            return List.of(file);
        }
        List<Path> written = new ArrayList<>();
        Map<String, String> weightMap = new TreeMap<>();
        long total = 0;
        for (int i = 0; i < groups.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, groups.size());
            Path file = dir.resolve(name);
            writeFile(file, groups.get(i));
            written.add(file);
            for (Entry e : groups.get(i)) {
                weightMap.put(e.name(), name);
                total += e.byteLength();
            }
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        Path indexFile = dir.resolve(Checkpoint.INDEX_FILE);
        try {
            Files.writeString(
                    indexFile,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n");
        } catch (IOException e) {
            throw new CheckpointException(indexFile + ": cannot write index (" + e + ")", e);
        }
        written.add(indexFile);
        return written;
    }

    private void writeFile(Path file, List<Entry> list) {
        list.sort(
                Comparator.comparingInt((Entry e) -> -e.dtype().byteSize())
                        .thenComparing(Entry::name));
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry e : list) {
            ObjectNode t = header.putObject(e.name());
            t.put("dtype", e.dtype().safetensorsName());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.shape()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + e.byteLength());
            offset += e.byteLength();
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot encode header (" + e + ")", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            writeAll(ch, head);
            for (Entry e : list) {
                writeData(ch, e);
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write safetensors file (" + e + ")", e);
        }
    }

    private static void writeData(FileChannel ch, Entry e) throws IOException {
        if (e.data() instanceof ByteBuffer bytes) {
            writeAll(ch, bytes.duplicate());
            return;
        }
        int size = e.dtype().byteSize();
        ByteBuffer chunk =
                ByteBuffer.allocate(CHUNK_ELEMENTS * size).order(ByteOrder.LITTLE_ENDIAN);
        int length = e.data() instanceof float[] f ? f.length : ((long[]) e.data()).length;
        for (int start = 0; start < length; start += CHUNK_ELEMENTS) {
            int end = Math.min(length, start + CHUNK_ELEMENTS);
            chunk.clear();
            for (int i = start; i < end; i++) {
                if (e.data() instanceof long[] l) {
                    chunk.putLong(l[i]);
                    continue;
                }
                float v = ((float[]) e.data())[i];
                switch (e.dtype()) {
                    case F32 -> chunk.putFloat(v);
                    case F16 -> chunk.putShort(HalfPrecision.floatToHalf(v));
                    case BF16 -> chunk.putShort(HalfPrecision.floatToBf16(v));
                    case F64 -> chunk.putDouble(v);
                    default -> throw new IllegalStateException(e.dtype().toString());
                }
            }
            chunk.flip();
            writeAll(ch, chunk);
        }
    }

    private static void writeAll(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
