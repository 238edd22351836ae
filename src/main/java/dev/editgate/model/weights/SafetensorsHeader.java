package dev.editgate.model.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the JSON header of a safetensors file. Every length, offset, dtype and shape
 * is checked against the file before a tensor can be read.
 */
final class SafetensorsHeader {

    /** Largest header accepted, as in the reference implementation. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    final Map<String, TensorInfo> tensors;
    final Map<String, String> metadata;

    private SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Checks the declared header length against the file size. */
    static void checkHeaderLength(Path file, long fileSize, long headerLength) {
        if (fileSize < 8) {
            throw new CheckpointException(
                    file
                            + ": file is "
                            + fileSize
                            + " bytes; a safetensors file starts with an 8-byte little-endian"
                            + " header length");
        }
        if (headerLength < 0 || headerLength > fileSize - 8) {
            throw new CheckpointException(
                    file
                            + ": header length "
                            + Long.toUnsignedString(headerLength)
                            + " runs past the end of the file ("
                            + fileSize
                            + " bytes); accepted: at most "
                            + (fileSize - 8));
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new CheckpointException(
                    file
                            + ": header length "
                            + headerLength
                            + " bytes exceeds the accepted maximum of "
                            + MAX_HEADER_BYTES
                            + " bytes");
        }
    }

    /**
     * Parses the header bytes.
     *
     * @param dataStart absolute offset of the data section (8 + header length)
     * @param dataLength size of the data section in bytes
     */
    static SafetensorsHeader parse(Path file, byte[] header, long dataStart, long dataLength) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(
                    file
                            + ": header is not valid JSON ("
                            + e.getOriginalMessage()
                            + "); accepted: a JSON object of tensor entries",
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(
                    file
                            + ": header is not a JSON object; accepted: "
                            + "{\"__metadata__\": {...}, "
                            + "\"name\": {\"dtype\", \"shape\", \"data_offsets\"}}");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> infos = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("__metadata__")) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                infos.add(readEntry(file, field.getKey(), field.getValue(), dataStart, dataLength));
            }
        }
        infos.sort(
                Comparator.comparingLong(TensorInfo::dataOffset)
                        .thenComparingLong(TensorInfo::byteLength));
        TensorInfo previous = null;
        for (TensorInfo t : infos) {
            long previousEnd = previous == null ? 0 : previous.dataOffset() + previous.byteLength();
            if (previous != null && t.dataOffset() < previousEnd) {
                long begin = t.dataOffset() - dataStart;
                throw new CheckpointException(
                        file
                                + ": tensor '"
                                + t.name()
                                + "' data_offsets ["
                                + begin
                                + ", "
                                + (begin + t.byteLength())
                                + ") overlap tensor '"
                                + previous.name()
                                + "' ending at "
                                + (previous.dataOffset() - dataStart + previous.byteLength())
                                + "; accepted: disjoint byte ranges");
            }
            previous = t;
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (TensorInfo t : infos) {
            tensors.put(t.name(), t);
        }
        return new SafetensorsHeader(
                Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new CheckpointException(
                    file
                            + ": __metadata__ is not a JSON object; accepted: "
                            + "an object of string values");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(
                        file
                                + ": __metadata__ entry '"
                                + e.getKey()
                                + "' is not a string; accepted: string values only");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
    }

    private static TensorInfo readEntry(
            Path file, String name, JsonNode node, long dataStart, long dataLength) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new CheckpointException(
                    where
                            + " is not a JSON object; accepted: "
                            + "{\"dtype\": ..., \"shape\": [...], \"data_offsets\": [begin, end]}");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new CheckpointException(
                    where + " has no string \"dtype\"; accepted: " + TensorDType.acceptedNames());
        }
        TensorDType dtype = TensorDType.fromSafetensorsName(dtypeNode.asText());
        if (dtype == null) {
            throw new CheckpointException(
                    where
                            + " has unknown dtype '"
                            + dtypeNode.asText()
                            + "'; accepted: "
                            + TensorDType.acceptedNames());
        }
        long[] shape = readLongs(where, node.get("shape"), "shape", -1);
        long[] offsets = readLongs(where, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new CheckpointException(
                    where
                            + " data_offsets ["
                            + begin
                            + ", "
                            + end
                            + "] lie outside the data section; accepted: 0 <= begin <= end <= "
                            + dataLength);
        }
        long bytes;
        try {
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new CheckpointException(
                    where
                            + " shape "
                            + Arrays.toString(shape)
                            + " has more elements than fit in 64 bits; accepted: a shape whose byte size "
                            + "equals data_offsets end - begin ("
                            + (end - begin)
                            + ")");
        }
        if (bytes != end - begin) {
            throw new CheckpointException(
                    where
                            + " shape "
                            + Arrays.toString(shape)
                            + " of "
                            + dtype
                            + " needs "
                            + bytes
                            + " bytes but data_offsets ["
                            + begin
                            + ", "
                            + end
                            + "] span "
                            + (end - begin)
                            + "; accepted: equal sizes");
        }
        return new TensorInfo(name, dtype, shape, dataStart + begin, bytes, file);
    }

    private static long[] readLongs(String where, JsonNode node, String key, int expectedLength) {
        String accepted =
                expectedLength < 0
                        ? "an array of non-negative integers"
                        : "an array of " + expectedLength + " non-negative integers";
        if (node == null || !node.isArray()) {
            throw new CheckpointException(
                    where + " has no \"" + key + "\" array; accepted: " + accepted);
        }
        if (expectedLength >= 0 && node.size() != expectedLength) {
            throw new CheckpointException(
                    where
                            + " \""
                            + key
                            + "\" has "
                            + node.size()
                            + " entries; accepted: "
                            + accepted);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new CheckpointException(
                        where + " \"" + key + "\"[" + i + "] is " + v + "; accepted: " + accepted);
            }
            out[i] = v.asLong();
        }
        return out;
    }
}
