package dev.editgate.model.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code weight_map} of a {@code model.safetensors.index.json}, validated. */
final class ShardIndex {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Largest index file accepted; real ones are well under a megabyte. */
    private static final long MAX_INDEX_BYTES = 64L * 1024 * 1024;

    private ShardIndex() {}

    /**
     * Reads the index and returns tensor name to shard path, each shard checked to be a plain
     * relative file name inside {@code dir} that exists.
     */
    static Map<String, Path> read(Path index) {
        Path dir = index.toAbsolutePath().getParent();
        JsonNode root;
        try {
            if (Files.size(index) > MAX_INDEX_BYTES) {
                throw new CheckpointException(
                        index
                                + ": index is "
                                + Files.size(index)
                                + " bytes; accepted: at most "
                                + MAX_INDEX_BYTES);
            }
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new CheckpointException(
                    index
                            + ": cannot read sharded index as JSON ("
                            + e.getMessage()
                            + "); accepted: {\"weight_map\": {\"tensor\": \"shard file\"}}",
                    e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new CheckpointException(
                    index
                            + ": no \"weight_map\" object; accepted: "
                            + "{\"weight_map\": {\"tensor\": \"shard file\"}}");
        }
        Map<String, Path> out = new LinkedHashMap<>();
        Map<String, Path> checked = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = map.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String tensor = e.getKey();
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(
                        index
                                + ": tensor '"
                                + tensor
                                + "' maps to "
                                + e.getValue()
                                + "; accepted: a shard file name string");
            }
            String shard = e.getValue().asText();
            Path path = checked.get(shard);
            if (path == null) {
                path = resolveShard(index, dir, tensor, shard);
                checked.put(shard, path);
            }
            out.put(tensor, path);
        }
        return out;
    }

    private static Path resolveShard(Path index, Path dir, String tensor, String shard) {
        String where = index + ": tensor '" + tensor + "' maps to shard '" + shard + "'";
        Path relative;
        try {
            relative = dir.getFileSystem().getPath(shard);
        } catch (RuntimeException e) {
            throw new CheckpointException(where + ", not a valid file name", e);
        }
        boolean escapes =
                shard.isEmpty()
                        || relative.isAbsolute()
                        || shard.startsWith("/")
                        || shard.startsWith("\\")
                        || shard.contains("\\");
        for (Path part : relative) {
            escapes |= part.toString().equals("..");
        }
        Path resolved = dir.resolve(relative).normalize();
        if (escapes || !resolved.startsWith(dir.normalize())) {
            throw new CheckpointException(
                    where
                            + ", which lies outside the model folder "
                            + dir
                            + "; accepted: a file name relative to the folder, without '..'");
        }
        if (!Files.isRegularFile(resolved)) {
            throw new CheckpointException(where + ", which does not exist: looked for " + resolved);
        }
        return resolved;
    }
}
