package dev.editgate.edit.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Text samples of a statistics corpus, and the corpus's content hash for cache keys. */
final class Corpus {
    private Corpus() {}

    /** Paragraphs of {@code file}, in order, at most {@code limit}. */
    static List<String> samples(Path file, int limit) {
        String text = read(file);
        List<String> out = new ArrayList<>();
        for (String doc : text.split("<\\|endoftext\\|>")) {
            StringBuilder para = new StringBuilder();
            for (String line : doc.split("\n", -1)) {
                String t = line.strip();
                boolean heading = t.startsWith("=") && t.endsWith("=");
                if (t.isEmpty() || heading) {
                    flush(para, out);
                } else {
                    if (para.length() > 0) {
                        para.append('\n');
                    }
                    para.append(t);
                }
                if (out.size() >= limit) {
                    return out;
                }
            }
            flush(para, out);
            if (out.size() >= limit) {
                return out.subList(0, limit);
            }
        }
        return out;
    }

    private static void flush(StringBuilder para, List<String> out) {
        if (para.length() > 0) {
            out.add(para.toString());
            para.setLength(0);
        }
    }

    /** First 16 hex digits of the SHA-256 of the file's bytes. */
    static String hash(Path file) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file))).substring(0, 16);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "statistics corpus " + file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "statistics corpus " + file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
