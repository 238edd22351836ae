package dev.editgate.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a text file (or a whole folder) that something reads: a capability measures on it, or
 * an editor fits statistics on it. Two spans overlap when they read common bytes of the same file;
 * a folder span covers every file under it.
 *
 * @param path the file or folder, absolute
 * @param start first byte read
 * @param end one past the last byte read ({@link Long#MAX_VALUE}: to the end)
 * @param firstLine 1-based line of {@code start}, 0 when not computed
 * @param lastLine 1-based line of the last byte read, 0 when not computed
 * @param what who reads it and which part, for messages ({@code "documents 0-1222 (paragraphs)"})
 */
public record TextSpan(Path path, long start, long end, int firstLine, int lastLine, String what) {

    public TextSpan {
        path = path.toAbsolutePath().normalize();
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("byte span " + start + ".." + end + " of " + path);
        }
    }

    /** Everything under {@code path} (a file or a folder). */
    public static TextSpan whole(Path path, String what) {
        return new TextSpan(path, 0, Long.MAX_VALUE, 0, 0, what);
    }

    /** Whether both read a common byte of the same file. */
    public boolean overlaps(TextSpan other) {
        Path a = real(path);
        Path b = real(other.path);
        if (a.equals(b)) {
            return start < other.end && other.start < end;
        }
        boolean aInB = a.startsWith(b) && other.isWhole();
        boolean bInA = b.startsWith(a) && isWhole();
        return aInB || bInA;
    }

    /** Reads the whole file or folder. */
    public boolean isWhole() {
        return start == 0 && end == Long.MAX_VALUE;
    }

    /** {@code lines 1-1619} when known, {@code the whole file} otherwise. */
    public String lines() {
        if (isWhole()) {
            return Files.isDirectory(path) ? "every file under it" : "the whole file";
        }
        if (firstLine <= 0) {
            return "bytes " + start + "-" + end;
        }
        return firstLine == lastLine ? "line " + firstLine : "lines " + firstLine + "-" + lastLine;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
