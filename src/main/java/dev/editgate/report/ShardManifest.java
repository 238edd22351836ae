package dev.editgate.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a sharded run ran ({@code shard.json}): its shard, every scenario of the whole selection
 * with what identifies its configuration, and the scenarios of this shard. {@link RunMerge} checks
 * the shards against each other with it.
 *
 * @param index this shard, 1-based
 * @param count the number of shards
 * @param selection every selected scenario of every shard, in discovery order
 * @param scenarios the paths ({@code suite/scenario}) this shard ran
 * @param suites every discovered suite's display name in discovery order, invalid ones included
 *     (empty in manifests written before it existed): where a suite's own testcase goes in the
 *     merged JUnit XML
 */
public record ShardManifest(
        @JsonProperty("index") int index,
        @JsonProperty("count") int count,
        @JsonProperty("selection") List<Entry> selection,
        @JsonProperty("scenarios") List<String> scenarios,
        @JsonProperty("suites") List<String> suites) {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ShardManifest {
        selection = List.copyOf(selection);
        scenarios = List.copyOf(scenarios);
        suites = suites == null ? List.of() : List.copyOf(suites);
    }

    /**
     * One selected scenario.
     *
     * @param path {@code suite/scenario}
     * @param hparamsHash the hash that keys its measurements (method, hyperparameters, presets)
     * @param suiteSha256 SHA-256 of its suite file's bytes
     */
    public record Entry(
            @JsonProperty("path") String path,
            @JsonProperty("hparams_hash") String hparamsHash,
            @JsonProperty("suite_sha256") String suiteSha256) {}

    /** Writes the manifest into {@code run}. */
    public void write(RunDirectory run) {
        try {
            Files.createDirectories(run.path());
            JSON.writeValue(run.shardManifest().toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.shardManifest(), e);
        }
    }

    /**
     * Reads {@code run}'s manifest.
     *
     * @throws IllegalArgumentException naming the folder when it has none or it cannot be read
     */
    public static ShardManifest read(RunDirectory run) {
        Path file = run.shardManifest();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    run.path()
                            + ": not a sharded run (no shard.json); run each shard with --shard"
                            + " I/N (or -Deditgate.shard=I/N)");
        }
        try {
            ShardManifest m = JSON.readValue(file.toFile(), ShardManifest.class);
            if (m.count() < 1 || m.index() < 1 || m.index() > m.count()) {
                throw new IllegalArgumentException(
                        file + ": shard " + m.shard() + " is not I/N with 1 <= I <= N");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": unreadable shard manifest: " + e.getMessage(), e);
        }
    }

    /** {@code I/N}. */
    public String shard() {
        return index + "/" + count;
    }
}
