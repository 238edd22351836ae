package dev.editgate.model.gguf;

import dev.editgate.model.weights.CheckpointException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates the header, metadata and tensor infos of a GGUF file (v2 and v3). */
final class GgufHeader {

    static final int MAGIC = 0x46554747; // "GGUF" little-endian
    static final long DEFAULT_ALIGNMENT = 32;
    static final int MAX_DIMS = 4;

    /** Smallest tensor info: name length, n_dims, one dim, type, offset. */
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;

    /** Smallest key/value: key length, value type, one byte of value. */
    private static final int MIN_KV_BYTES = 8 + 4 + 1;

    /** A tensor info as read, before the data section start is known. */
    private record RawTensor(String name, long[] dims, GgmlType type, long offset) {}

    final int version;
    final GgufMetadata metadata;
    final Map<String, GgufTensorInfo> tensors;
    final long alignment;
    final long dataStart;

    private GgufHeader(
            int version,
            GgufMetadata metadata,
            Map<String, GgufTensorInfo> tensors,
            long alignment,
            long dataStart) {
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
        this.alignment = alignment;
        this.dataStart = dataStart;
    }

    static GgufHeader parse(GgufReader in, long fileSize) {
        Path file = in.file();
        in.require(24, "GGUF header (magic, version, tensor count, metadata count)");
        int magic = in.i32();
        if (magic != MAGIC) {
            throw new CheckpointException(
                    file
                            + ": not a GGUF file: magic bytes are "
                            + String.format("0x%08x", Integer.reverseBytes(magic))
                            + "; accepted: \"GGUF\" (0x47475546)");
        }
        int version = in.i32();
        if (version != 2 && version != 3) {
            String hint =
                    Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3
                            ? " (a big-endian file?)"
                            : "";
            throw new CheckpointException(
                    file
                            + ": GGUF version "
                            + Integer.toUnsignedString(version)
                            + hint
                            + "; accepted: little-endian versions 2 and 3");
        }
        long tensorCount = in.i64();
        long kvCount = in.i64();
        checkCount(in, tensorCount, MIN_TENSOR_INFO_BYTES, "tensor count");
        checkCount(in, kvCount, MIN_KV_BYTES, "metadata count");

        Map<String, Object> values = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            in.context("metadata entry " + i);
            String key = in.string("key");
            in.context("metadata key '" + key + "'");
            GgufValueType type = GgufValues.type(in);
            Object value = GgufValues.read(in, type, 0);
            if (values.put(key, value) != null) {
                throw in.error("duplicate key; accepted: each key once");
            }
        }
        GgufMetadata metadata = new GgufMetadata(file, values);
        long alignment = alignment(file, values);

        List<GgufTensorInfo> infos = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<RawTensor> raw = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            in.context("tensor info " + i);
            String name = in.string("tensor name");
            in.context("tensor '" + name + "'");
            long nDims = in.u32();
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw in.error(nDims + " dimensions; accepted: 1 to " + MAX_DIMS);
            }
            long[] dims = new long[(int) nDims];
            for (int d = 0; d < nDims; d++) {
                dims[d] = in.i64();
                if (dims[d] < 0) {
                    throw in.error(
                            "dimension "
                                    + d
                                    + " is "
                                    + Long.toUnsignedString(dims[d])
                                    + "; accepted: 0 to "
                                    + Long.MAX_VALUE);
                }
            }
            long typeId = in.u32();
            GgmlType type = GgmlType.fromId(typeId);
            if (type == null) {
                throw in.error(
                        "unknown ggml type " + typeId + "; accepted: " + GgmlType.knownTypes());
            }
            long offset = in.i64();
            if (!names.add(name)) {
                throw in.error("duplicate tensor name; accepted: each name once");
            }
            raw.add(new RawTensor(name, dims, type, offset));
        }
        in.context("tensor data");
        in.align(alignment);
        long dataStart = in.position();
        if (dataStart > fileSize && !raw.isEmpty()) {
            throw new CheckpointException(
                    file
                            + ": data section would start at byte "
                            + dataStart
                            + ", past the end of the "
                            + fileSize
                            + "-byte file");
        }
        for (RawTensor r : raw) {
            infos.add(
                    tensor(
                            file,
                            r.name(),
                            r.dims(),
                            r.type(),
                            r.offset(),
                            alignment,
                            dataStart,
                            fileSize));
        }
        List<GgufTensorInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(GgufTensorInfo::dataOffset));
        for (int i = 1; i < sorted.size(); i++) {
            GgufTensorInfo prev = sorted.get(i - 1);
            GgufTensorInfo t = sorted.get(i);
            if (t.dataOffset() < prev.dataOffset() + prev.byteLength()) {
                throw new CheckpointException(
                        file
                                + ": tensor '"
                                + t.name()
                                + "' data at offset "
                                + (t.dataOffset() - dataStart)
                                + " overlaps tensor '"
                                + prev.name()
                                + "'; accepted: disjoint data");
            }
        }
        Map<String, GgufTensorInfo> tensors = new LinkedHashMap<>();
        infos.forEach(t -> tensors.put(t.name(), t));
        return new GgufHeader(
                version, metadata, Collections.unmodifiableMap(tensors), alignment, dataStart);
    }

    private static void checkCount(GgufReader in, long count, int minBytes, String what) {
        if (count < 0 || count > in.remaining() / minBytes) {
            throw in.error(
                    what
                            + " "
                            + Long.toUnsignedString(count)
                            + " cannot fit in the "
                            + in.remaining()
                            + " bytes left; accepted: at most "
                            + in.remaining() / minBytes);
        }
    }

    private static long alignment(Path file, Map<String, Object> values) {
        Object a = values.get("general.alignment");
        if (a == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(a instanceof Long l) || l <= 0 || l > (1 << 20) || Long.bitCount(l) != 1) {
            throw new CheckpointException(
                    file
                            + ": metadata key 'general.alignment' is "
                            + a
                            + "; accepted: a power of two from 1 to 1048576");
        }
        return l;
    }

    private static GgufTensorInfo tensor(
            Path file,
            String name,
            long[] dims,
            GgmlType type,
            long offset,
            long alignment,
            long dataStart,
            long fileSize) {
        String where = file + ": tensor '" + name + "'";
        long elements;
        try {
            elements = 1;
            for (long d : dims) {
                elements = Math.multiplyExact(elements, d);
            }
        } catch (ArithmeticException e) {
            throw new CheckpointException(
                    where
                            + " dims "
                            + Arrays.toString(dims)
                            + " have more elements than fit in 64 bits");
        }
        if (dims[0] % type.blockSize() != 0) {
            throw new CheckpointException(
                    where
                            + " of type "
                            + type
                            + " has rows of "
                            + dims[0]
                            + " elements; accepted: a multiple of the block size "
                            + type.blockSize());
        }
        long bytes = type.byteSize(elements);
        if (offset < 0 || offset % alignment != 0) {
            throw new CheckpointException(
                    where
                            + " data offset "
                            + Long.toUnsignedString(offset)
                            + " is not a multiple of the alignment "
                            + alignment);
        }
        if (offset > fileSize - dataStart || bytes > fileSize - dataStart - offset) {
            throw new CheckpointException(
                    where
                            + " data ["
                            + offset
                            + ", +"
                            + bytes
                            + ") runs past the end of the file: the data section has "
                            + (fileSize - dataStart)
                            + " bytes");
        }
        return new GgufTensorInfo(name, type, dims, dataStart + offset, bytes, file);
    }
}
