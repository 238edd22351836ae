package dev.editgate.edit.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Streams a file line by line as bytes, with each line's byte offset, feeding every byte read to a
 * digest: one pass indexes a corpus of any size and hashes it for the cache key.
 */
final class LineScanner {
    private static final int CHUNK = 1 << 20;

    /** Receives each line without its {@code \n} (a trailing {@code \r} is kept). */
    interface LineSink {
        void line(byte[] bytes, int off, int len, long fileOffset, int lineNumber);
    }

    private LineScanner() {}

    /** Calls {@code sink} for every line of {@code file} (1-based line numbers). */
    static void scan(Path file, MessageDigest digest, LineSink sink) throws IOException {
        byte[] buf = new byte[CHUNK];
        byte[] carry = new byte[256];
        int carryLen = 0;
        long carryStart = 0;
        long offset = 0; // file offset of buf[0]
        int line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buf, 0, CHUNK)) > 0) {
                digest.update(buf, 0, n);
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    if (carryLen > 0) {
                        carry = append(carry, carryLen, buf, from, i - from);
                        carryLen += i - from;
                        sink.line(carry, 0, carryLen, carryStart, line);
                        carryLen = 0;
                    } else {
                        sink.line(buf, from, i - from, offset + from, line);
                    }
                    line++;
                    from = i + 1;
                }
                if (from < n) {
                    if (carryLen == 0) {
                        carryStart = offset + from;
                    }
                    carry = append(carry, carryLen, buf, from, n - from);
                    carryLen += n - from;
                }
                offset += n;
            }
        }
        if (carryLen > 0) {
            sink.line(carry, 0, carryLen, carryStart, line);
        }
    }

    private static byte[] append(byte[] to, int len, byte[] from, int off, int n) {
        byte[] out = to;
        if (len + n > to.length) {
            out = Arrays.copyOf(to, Math.max(to.length * 2, len + n));
        }
        System.arraycopy(from, off, out, len, n);
        return out;
    }
}
