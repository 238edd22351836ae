package dev.editgate.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents of a text split at a separator, with where each lies in the file: its UTF-8 byte
 * span and its lines, so that what a reader reads can be compared with what another reads ({@link
 * TextSpan}).
 */
public final class Pieces {
    private Pieces() {}

    /**
     * One document.
     *
     * @param text the piece, stripped
     * @param start byte offset of its first character in the UTF-8 text
     * @param end byte offset one past its last character
     * @param firstLine 1-based line of its first character
     * @param lastLine 1-based line of its last character
     */
    public record Piece(String text, long start, long end, int firstLine, int lastLine) {}

    /**
     * The non-blank pieces between occurrences of {@code separator}, stripped; the whole text when
     * the separator is empty or absent.
     */
    public static List<Piece> split(String text, String separator) {
        List<int[]> bounds = new ArrayList<>(); // stripped [from, to) char bounds
        int from = 0;
        while (from <= text.length()) {
            int next = separator.isEmpty() ? -1 : text.indexOf(separator, from);
            int to = next < 0 ? text.length() : next;
            int a = from;
            int b = to;
            while (a < b && Character.isWhitespace(text.charAt(a))) {
                a++;
            }
            while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
                b--;
            }
            if (a < b) {
                bounds.add(new int[] {a, b});
            }
            if (next < 0) {
                break;
            }
            from = next + separator.length();
        }
        List<Piece> out = new ArrayList<>(bounds.size());
        Cursor c = new Cursor(text);
        for (int[] ab : bounds) {
            c.advance(ab[0]);
            long start = c.bytes;
            int firstLine = c.line;
            c.advance(ab[1] - 1);
            int lastLine = c.line;
            c.advance(ab[1]);
            out.add(new Piece(text.substring(ab[0], ab[1]), start, c.bytes, firstLine, lastLine));
        }
        return out;
    }

    /** The span of documents {@code first..last} of {@code pieces} in {@code file}. */
    public static TextSpan span(Path file, List<Piece> pieces, int first, int last, String what) {
        Piece a = pieces.get(first);
        Piece b = pieces.get(last);
        return new TextSpan(file, a.start(), b.end(), a.firstLine(), b.lastLine(), what);
    }

    /** Walks a text forward, counting UTF-8 bytes and lines up to a char index. */
    private static final class Cursor {
        private final String text;
        private int index;
        private long bytes;
        private int line = 1;

        Cursor(String text) {
            this.text = text;
        }

        void advance(int to) {
            while (index < to) {
                char ch = text.charAt(index);
                if (ch == '\n') {
                    line++;
                }
                if (ch < 0x80) {
                    bytes += 1;
                } else if (ch < 0x800) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(ch)
                        && index + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(index + 1))) {
                    bytes += 4;
                    index++;
                } else {
                    bytes += 3;
                }
                index++;
            }
        }
    }
}
