package dev.editgate.edit.stats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds document boundaries line by line: each non-blank line of a file, or, once a file shows a
 * {@code <|endoftext|>}, the pieces between separators.
 */
final class DocumentBoundaries implements LineScanner.LineSink {
    private static final byte[] EOT = CorpusIndex.END_OF_TEXT.getBytes(StandardCharsets.US_ASCII);

    private int n;
    private int[] source = new int[1024];
    private long[] start = new long[1024];
    private long[] end = new long[1024];
    private int[] line = new int[1024];
    private int current;
    private CorpusIndex.Format format;
    private final List<long[]> lines = new ArrayList<>(); // {start, end, line} of this file
    private final List<long[]> pieces = new ArrayList<>();
    private boolean separated;
    private long pieceStart = -1;
    private long pieceEnd;
    private int pieceLine;

    void begin(int s, CorpusIndex.Format f) {
        current = s;
        format = f;
        lines.clear();
        pieces.clear();
        separated = false;
        pieceStart = -1;
    }

    void finish() {
        flushPiece();
        for (long[] d : separated ? pieces : lines) {
            add(d[0], d[1], (int) d[2]);
        }
    }

    @Override
    public void line(byte[] b, int off, int len, long fileOffset, int lineNumber) {
        int from = off;
        int stop = off + len;
        while (true) {
            int sep = format == CorpusIndex.Format.TEXT ? indexOf(b, from, stop) : -1;
            int segEnd = sep < 0 ? stop : sep;
            int[] t = trim(b, from, segEnd);
            boolean heading =
                    format == CorpusIndex.Format.TEXT
                            && t[0] < t[1]
                            && b[t[0]] == '='
                            && b[t[1] - 1] == '=';
            if (t[0] < t[1] && !heading) {
                long s = fileOffset + t[0] - off;
                long e = fileOffset + t[1] - off;
                lines.add(new long[] {s, e, lineNumber});
                if (pieceStart < 0) {
                    pieceStart = s;
                    pieceLine = lineNumber;
                }
                pieceEnd = e;
            }
            if (sep < 0) {
                return;
            }
            separated = true;
            flushPiece();
            from = sep + EOT.length;
        }
    }

    private void flushPiece() {
        if (pieceStart >= 0) {
            pieces.add(new long[] {pieceStart, pieceEnd, pieceLine});
            pieceStart = -1;
        }
    }

    private void add(long s, long e, int l) {
        if (n == source.length) {
            source = Arrays.copyOf(source, n * 2);
            start = Arrays.copyOf(start, n * 2);
            end = Arrays.copyOf(end, n * 2);
            line = Arrays.copyOf(line, n * 2);
        }
        source[n] = current;
        start[n] = s;
        end[n] = e;
        line[n] = l;
        n++;
    }

    int count() {
        return n;
    }

    int[] source() {
        return Arrays.copyOf(source, n);
    }

    long[] start() {
        return Arrays.copyOf(start, n);
    }

    long[] end() {
        return Arrays.copyOf(end, n);
    }

    int[] line() {
        return Arrays.copyOf(line, n);
    }

    private static int indexOf(byte[] b, int from, int stop) {
        outer:
        for (int i = from; i + EOT.length <= stop; i++) {
            for (int k = 0; k < EOT.length; k++) {
                if (b[i + k] != EOT[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int[] trim(byte[] b, int from, int to) {
        while (from < to && space(b[from])) {
            from++;
        }
        while (to > from && space(b[to - 1])) {
            to--;
        }
        return new int[] {from, to};
    }

    private static boolean space(byte c) {
        return c == ' '
                || c == '\t'
                || c == '\r'
                || (c >= 0x0B && c <= 0x0C)
                || (c >= 0x1C && c <= 0x1F);
    }
}
