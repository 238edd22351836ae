package dev.editgate.engine;

import dev.editgate.scenario.InvalidSuiteException;
import dev.editgate.scenario.Suite;
import dev.editgate.scenario.SuiteParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Suite files seen during one discovery: parsed once each, with the suite ids they claim. A suite
 * file ends in {@code .yaml} or {@code .yml}; {@code *.hparams.yaml} files and anything under an
 * {@code hparams} folder are hyperparameter files, not suites.
 */
final class SuiteFiles {
    private final SuiteParser parser;
    private final Map<Path, Object> parsed = new HashMap<>();
    private final Map<String, Path> owners = new HashMap<>();

    SuiteFiles(SuiteParser parser) {
        this.parser = parser;
    }

    static boolean isSuiteFile(Path file) {
        String name = file.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        boolean hparams =
                name.contains(".hparams.")
                        || (file.getParent() != null
                                && file.getParent().getFileName() != null
                                && file.getParent().getFileName().toString().equals("hparams"));
        return yaml && !hparams;
    }

    /** Suite files under {@code dir}, in path order. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(SuiteFiles::isSuiteFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list suite files under " + dir, e);
        }
    }

    /** The suite in {@code file}; parses once per discovery. */
    Suite parse(Path file) {
        Object p =
                parsed.computeIfAbsent(
                        file,
                        f -> {
                            try {
                                return parser.parse(f);
                            } catch (InvalidSuiteException e) {
                                return e;
                            }
                        });
        if (p instanceof InvalidSuiteException e) {
            throw e;
        }
        return (Suite) p;
    }

    /** Records that {@code file} defines {@code suiteId}; the other file when one already does. */
    Optional<Path> claim(String suiteId, Path file) {
        Path owner = owners.putIfAbsent(suiteId, file);
        return owner == null || owner.equals(file) ? Optional.empty() : Optional.of(owner);
    }

    /** The file under {@code root} (or already parsed) that defines {@code suiteId}. */
    Optional<Path> find(String suiteId, Path root) {
        if (owners.containsKey(suiteId)) {
            return Optional.of(owners.get(suiteId));
        }
        for (Path f : list(root)) {
            Path abs = f.toAbsolutePath().normalize();
            try {
                if (parse(abs).id().equals(suiteId)) {
                    return Optional.of(abs);
                }
            } catch (InvalidSuiteException e) {
                // an invalid file defines no suite; it is reported when selected itself
                continue;
            }
        }
        return Optional.empty();
    }
}
