package dev.editgate.edit.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Square matrices in a safetensors file ({@code F32} or {@code F64}) with string metadata, for the
 * statistics cache (one tensor {@code mom2}) and the partial sums a collection resumes from. Writes
 * go to a temporary file then move into place, so a crash never leaves a truncated entry.
 */
final class StatsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a file holds. */
    record Stored(Map<String, NDArray> tensors, Map<String, String> metadata) {}

    private StatsFile() {}

    static void write(Path file, NDArray matrix, Map<String, String> metadata) throws IOException {
        write(file, Map.of("mom2", matrix), metadata);
    }

    static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata);
        Map<String, byte[]> data = new TreeMap<>();
        long offset = 0;
        for (var e : new TreeMap<>(tensors).entrySet()) {
            NDArray m = e.getValue();
            DataType dt = m.getDataType();
            String code =
                    switch (dt) {
                        case FLOAT32 -> "F32";
                        case FLOAT64 -> "F64";
                        default ->
                                throw new IllegalArgumentException(
                                        "stats dtype " + dt + " not stored");
                    };
            byte[] bytes = littleEndian(m.toByteArray(), dt);
            header.put(
                    e.getKey(),
                    Map.of(
                            "dtype",
                            code,
                            "shape",
                            m.getShape().getShape(),
                            "data_offsets",
                            new long[] {offset, offset + bytes.length}));
            data.put(e.getKey(), bytes);
            offset += bytes.length;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int pad = (8 - json.length % 8) % 8;
        byte[] h = new byte[json.length + pad];
        System.arraycopy(json, 0, h, 0, json.length);
        for (int i = json.length; i < h.length; i++) {
            h[i] = ' ';
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
        try (var out = Files.newOutputStream(tmp)) {
            out.write(len.array());
            out.write(h);
            for (byte[] bytes : data.values()) {
                out.write(bytes);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] littleEndian(byte[] data, DataType dt) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return data;
        }
        ByteBuffer le = ByteBuffer.allocate(data.length).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer nat = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        if (dt == DataType.FLOAT32) {
            le.asFloatBuffer().put(nat.asFloatBuffer());
        } else {
            le.asDoubleBuffer().put(nat.asDoubleBuffer());
        }
        return le.array();
    }

    /** The cache's matrix ({@code mom2}). */
    static NDArray read(Path file, NDManager manager) throws IOException {
        Stored s = readAll(file, manager);
        NDArray m = s.tensors().get("mom2");
        if (m == null) {
            s.tensors().values().forEach(NDArray::close);
            throw new IOException(file + ": no tensor 'mom2'");
        }
        return m;
    }

    /** Only the metadata, without reading the tensors. */
    static Map<String, String> metadata(Path file) throws IOException {
        return metadata(header(file, Files.readAllBytes(file)), file);
    }

    /** Every tensor and the metadata; throws with the file name when it is not what we write. */
    static Stored readAll(Path file, NDManager manager) throws IOException {
        byte[] all = Files.readAllBytes(file);
        JsonNode header = header(file, all);
        long headerLen = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long base = 8 + headerLen;
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = header.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            DataType dt =
                    switch (t.path("dtype").asText()) {
                        case "F32" -> DataType.FLOAT32;
                        case "F64" -> DataType.FLOAT64;
                        default ->
                                throw new IOException(
                                        file + ": dtype " + t.get("dtype") + " not F32/F64");
                    };
            long rows = t.path("shape").path(0).asLong();
            long cols = t.path("shape").path(1).asLong();
            long begin = t.path("data_offsets").path(0).asLong();
            long end = t.path("data_offsets").path(1).asLong();
            if (rows <= 0
                    || cols <= 0
                    || begin < 0
                    || end - begin != rows * cols * dt.getNumOfBytes()
                    || base + end > all.length) {
                throw new IOException(
                        file
                                + ": tensor "
                                + e.getKey()
                                + " data offsets "
                                + begin
                                + ".."
                                + end
                                + " do not fit shape ["
                                + rows
                                + ", "
                                + cols
                                + "] and file size "
                                + all.length);
            }
            ByteBuffer buf =
                    ByteBuffer.wrap(all, (int) (base + begin), (int) (end - begin))
                            .slice()
                            .order(ByteOrder.LITTLE_ENDIAN);
            tensors.put(e.getKey(), manager.create(buf, new Shape(rows, cols), dt));
        }
        return new Stored(tensors, metadata(header, file));
    }

    private static JsonNode header(Path file, byte[] all) throws IOException {
        if (all.length < 8) {
            throw new IOException(file + ": too short for a safetensors file");
        }
        long headerLen = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLen <= 0 || headerLen > all.length - 8) {
            throw new IOException(file + ": header length " + headerLen + " beyond the file");
        }
        JsonNode header =
                JSON.readTree(new String(all, 8, (int) headerLen, StandardCharsets.UTF_8));
        if (header == null || !header.isObject()) {
            throw new IOException(file + ": header is not a JSON object");
        }
        return header;
    }

    private static Map<String, String> metadata(JsonNode header, Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        header.path("__metadata__")
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
