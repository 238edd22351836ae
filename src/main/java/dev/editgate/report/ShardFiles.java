package dev.editgate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** How {@link RunMerge} puts the shards' files into the merged run's folder. */
final class ShardFiles {
    private ShardFiles() {}

    /**
     * Copies every file under {@code from} to the same place under {@code to}. A file already there
     * with the same bytes is skipped; with other bytes it is an error, except for baseline items
     * ({@code baselineTolerant}: the first shard's are kept, with a warning).
     */
    static void copyTree(Path from, Path to, boolean baselineTolerant, List<String> warnings)
            throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            if (from.getFileName().toString().equals("allure-results")
                    && AllureExtras.RUN_FILES.contains(from.relativize(file).toString())) {
                continue; // each shard's describes that shard; merge writes the merged run's
            }
            Path target = to.resolve(from.relativize(file).toString());
            if (Files.exists(target)) {
                if (Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(file))) {
                    continue;
                }
                boolean baseline =
                        baselineTolerant
                                && file.getParent() != null
                                && file.getParent().getFileName().toString().equals("_baseline_");
                if (baseline) {
                    warnings.add(
                            file
                                    + ": the unedited model's items differ from another shard's"
                                    + " (kept the first; different machines or libraries?)");
                    continue;
                }
                throw new IllegalArgumentException(
                        file + ": also written by another shard, with other content");
            }
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }

    static void appendLines(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            return;
        }
        String text = Files.readString(from, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return;
        }
        if (!text.endsWith("\n")) {
            text += "\n";
        }
        Files.writeString(
                to,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
