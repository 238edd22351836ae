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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One square matrix in a safetensors file ({@code F32} or {@code F64}, tensor name {@code mom2})
 * with string metadata, for the statistics cache. Writes go to a temporary file then move into
 * place, so a crash never leaves a truncated cache entry.
 */
final class StatsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsFile() {}

    static void write(Path file, NDArray matrix, Map<String, String> metadata) throws IOException {
        DataType dt = matrix.getDataType();
        String code =
                switch (dt) {
                    case FLOAT32 -> "F32";
                    case FLOAT64 -> "F64";
                    default ->
                            throw new IllegalArgumentException("stats dtype " + dt + " not stored");
                };
        byte[] data = matrix.toByteArray(); // native order
        ByteBuffer le = ByteBuffer.allocate(data.length).order(ByteOrder.LITTLE_ENDIAN);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            le.put(data);
        } else if (dt == DataType.FLOAT32) {
            le.asFloatBuffer()
                    .put(ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).asFloatBuffer());
        } else {
            le.asDoubleBuffer()
                    .put(ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).asDoubleBuffer());
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata);
        header.put(
                "mom2",
                Map.of(
                        "dtype",
                        code,
                        "shape",
                        matrix.getShape().getShape(),
                        "data_offsets",
                        new long[] {0, data.length}));
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
            out.write(le.array());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the matrix back; throws with the file name when it is not what {@link #write} wrote.
     */
    static NDArray read(Path file, NDManager manager) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IOException(file + ": too short for a safetensors file");
        }
        long headerLen = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLen <= 0 || headerLen > all.length - 8) {
            throw new IOException(file + ": header length " + headerLen + " beyond the file");
        }
        JsonNode header =
                JSON.readTree(new String(all, 8, (int) headerLen, StandardCharsets.UTF_8));
        JsonNode t = header.get("mom2");
        if (t == null) {
            throw new IOException(file + ": no tensor 'mom2'");
        }
        DataType dt =
                switch (t.get("dtype").asText()) {
                    case "F32" -> DataType.FLOAT32;
                    case "F64" -> DataType.FLOAT64;
                    default ->
                            throw new IOException(
                                    file + ": dtype " + t.get("dtype") + " not F32/F64");
                };
        long rows = t.get("shape").get(0).asLong();
        long cols = t.get("shape").get(1).asLong();
        long begin = t.get("data_offsets").get(0).asLong();
        long end = t.get("data_offsets").get(1).asLong();
        long start = 8 + headerLen;
        if (end - begin != rows * cols * dt.getNumOfBytes()
                || start + end > all.length
                || begin < 0) {
            throw new IOException(
                    file
                            + ": data offsets "
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
                ByteBuffer.wrap(all, (int) (start + begin), (int) (end - begin))
                        .slice()
                        .order(ByteOrder.LITTLE_ENDIAN);
        return manager.create(buf, new Shape(rows, cols), dt);
    }
}
