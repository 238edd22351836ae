package dev.editgate.edit.mend;

import dev.editgate.model.weights.CheckpointException;
import dev.editgate.model.weights.SafetensorsFile;
import dev.editgate.model.weights.SafetensorsWriter;
import dev.editgate.model.weights.TensorDType;
import dev.editgate.model.weights.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The float32 safetensors files of archives and training checkpoints. Each is named after its
 * content ({@code <stem>-<first 8 hex of SHA-256>.safetensors}) and written under a temporary name
 * first, so the JSON that names it is only ever replaced after the file is complete: a process
 * killed at any moment leaves the previous JSON and its file intact.
 */
final class TensorFiles {
    private TensorFiles() {}

    /** A written file: its name (in the folder) and SHA-256. */
    record Written(String name, String sha256) {}

    static Written write(Path dir, String stem, Map<String, TensorData> tensors) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, stem + "-", ".tmp");
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            tensors.forEach((name, t) -> w.add(name, TensorDType.F32, t.shape(), t.data()));
            w.write(tmp);
            String sha = sha256(tmp);
            String name = stem + "-" + sha.substring(0, 8) + ".safetensors";
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return new Written(name, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write " + stem + " tensors: " + e, e);
        }
    }

    /** Writes {@code text} to {@code file} through a temporary file and an atomic rename. */
    static void writeText(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + "-", ".tmp");
            Files.writeString(tmp, text);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    /** Deletes the {@code stem-*.safetensors} files of {@code dir} other than {@code keep}. */
    static void deleteOthers(Path dir, String stem, String keep) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                boolean ours =
                        n.startsWith(stem + "-")
                                && (n.endsWith(".safetensors") || n.endsWith(".tmp"));
                if (ours && !n.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot clean up old tensor files: " + e, e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in =
                new DigestInputStream(
                        Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every tensor of {@code file} by name; each must be F32. */
    static Map<String, TensorData> readAll(Path file) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (TensorInfo t : f.tensors().values()) {
                if (t.dtype() != TensorDType.F32) {
                    throw new CheckpointException(
                            file
                                    + ": tensor '"
                                    + t.name()
                                    + "' is "
                                    + t.dtype()
                                    + ", expected F32");
                }
                out.put(t.name(), new TensorData(t.shape(), f.readFloats(t.name())));
            }
        }
        return out;
    }

    /**
     * Every tensor of {@code file}, read and checked: the lookup throws a {@link
     * CheckpointException} naming the file and tensor when one is missing, not F32 or of another
     * shape than expected. {@code sha256}, when given, must match the file's.
     */
    static Function<TensorData.Spec, TensorData> read(Path file, String sha256) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": tensor file is missing");
        }
        if (sha256 != null && !sha256.equals(sha256(file))) {
            throw new CheckpointException(
                    file
                            + ": content does not match the SHA-256 its JSON records ("
                            + sha256
                            + ")");
        }
        Map<String, TensorData> out = readAll(file);
        return spec -> {
            TensorData t = out.get(spec.name());
            if (t == null) {
                throw new CheckpointException(
                        file
                                + ": tensor '"
                                + spec.name()
                                + "' is missing ("
                                + out.size()
                                + " present)");
            }
            if (!Arrays.equals(t.shape(), spec.shape().getShape())) {
                throw new CheckpointException(
                        file
                                + ": tensor '"
                                + spec.name()
                                + "' has shape "
                                + Arrays.toString(t.shape())
                                + ", expected "
                                + spec.shape());
            }
            return t;
        };
    }
}
