package dev.editgate.model.weights;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safetensors weights of a Hugging Face model folder, single-file or sharded.
 *
 * <p>{@link #open} looks for {@code model.safetensors} first and then {@code
 * model.safetensors.index.json} (as {@code transformers} does). A sharded index is validated: every
 * shard named is a file inside the folder (no absolute paths, no {@code ..}) and every tensor of
 * the {@code weight_map} is present in its shard.
 */
public final class Checkpoint implements AutoCloseable {

    /** Single-file weights name. */
    public static final String SINGLE_FILE = "model.safetensors";

    /** Sharded index name. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private final Path location;
    private final List<SafetensorsFile> shards;
    private final Map<String, SafetensorsFile> byTensor;
    private final Map<String, TensorInfo> tensors;

    private Checkpoint(
            Path location, List<SafetensorsFile> shards, Map<String, SafetensorsFile> byTensor) {
        this.location = location;
        this.shards = List.copyOf(shards);
        this.byTensor = byTensor;
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        byTensor.forEach((name, shard) -> infos.put(name, shard.tensors().get(name)));
        this.tensors = Collections.unmodifiableMap(infos);
    }

    /**
     * Opens the weights of a model folder, or a single {@code .safetensors} file.
     *
     * @throws CheckpointException naming the files looked for when none is there, or what is wrong
     *     with the one found
     */
    public static Checkpoint open(Path dirOrFile) {
        if (Files.isRegularFile(dirOrFile)) {
            return single(dirOrFile);
        }
        Path single = dirOrFile.resolve(SINGLE_FILE);
        Path index = dirOrFile.resolve(INDEX_FILE);
        if (Files.isRegularFile(single)) {
            return single(single);
        }
        if (Files.isRegularFile(index)) {
            return sharded(index);
        }
        throw new CheckpointException(
                dirOrFile + ": no safetensors weights; looked for " + single + " and " + index);
    }

    private static Checkpoint single(Path file) {
        SafetensorsFile f = SafetensorsFile.open(file);
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        f.tensors().keySet().forEach(name -> byTensor.put(name, f));
        return new Checkpoint(file, List.of(f), byTensor);
    }

    private static Checkpoint sharded(Path index) {
        Map<String, Path> weightMap = ShardIndex.read(index);
        Map<Path, SafetensorsFile> open = new LinkedHashMap<>();
        try {
            Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : weightMap.entrySet()) {
                SafetensorsFile shard = open.get(e.getValue());
                if (shard == null) {
                    shard = SafetensorsFile.open(e.getValue());
                    open.put(e.getValue(), shard);
                }
                if (!shard.tensors().containsKey(e.getKey())) {
                    throw new CheckpointException(
                            index
                                    + ": tensor '"
                                    + e.getKey()
                                    + "' is mapped to shard "
                                    + e.getValue()
                                    + " but that shard has no such tensor");
                }
                byTensor.put(e.getKey(), shard);
            }
            for (SafetensorsFile shard : open.values()) {
                for (String name : shard.tensors().keySet()) {
                    if (!byTensor.containsKey(name)) {
                        LOG.warn(
                                "{}: tensor '{}' in shard {} is not in the weight_map; ignored",
                                index,
                                name,
                                shard.file());
                    }
                }
            }
            return new Checkpoint(index, new ArrayList<>(open.values()), byTensor);
        } catch (RuntimeException e) {
            open.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    /** The single file or index this was opened from. */
    public Path location() {
        return location;
    }

    /** All tensors by name, in file and offset order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** Whether a tensor of this name exists. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor named {@code name}, or a {@link CheckpointException}. */
    public TensorInfo tensor(String name) {
        return shardOf(name).tensor(name);
    }

    /** The {@code __metadata__} of the first shard. */
    public Map<String, String> metadata() {
        return shards.isEmpty() ? Map.of() : shards.get(0).metadata();
    }

    /** See {@link SafetensorsFile#readAsFloat32}. */
    public void readAsFloat32(String name, ByteBuffer dest) {
        shardOf(name).readAsFloat32(name, dest);
    }

    /** See {@link SafetensorsFile#readFloats}. */
    public float[] readFloats(String name) {
        return shardOf(name).readFloats(name);
    }

    /** See {@link SafetensorsFile#readLongs}. */
    public long[] readLongs(String name) {
        return shardOf(name).readLongs(name);
    }

    /** See {@link SafetensorsFile#readRaw}. */
    public ByteBuffer readRaw(String name) {
        return shardOf(name).readRaw(name);
    }

    /** Sum of the byte lengths of all tensors. */
    public long totalBytes() {
        long total = 0;
        for (TensorInfo t : tensors.values()) {
            total += t.byteLength();
        }
        return total;
    }

    private SafetensorsFile shardOf(String name) {
        SafetensorsFile shard = byTensor.get(name);
        if (shard == null) {
            throw new CheckpointException(
                    location + ": no tensor '" + name + "' among " + tensors.size() + " tensors");
        }
        return shard;
    }

    @Override
    public void close() {
        CheckpointException first = null;
        for (SafetensorsFile shard : shards) {
            try {
                shard.close();
            } catch (CheckpointException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
