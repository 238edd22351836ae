package dev.editgate.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contiguous range of document indices, 0-based and inclusive: {@code "0-1222"}, {@code "396-"}
 * (to the last document), {@code "7"} (one document) or {@code all}. What a document is belongs to
 * the reader that splits the file (a perplexity benchmark's sections, a statistics corpus's
 * paragraphs); {@link TextSpan}s compare what two readers read in bytes of the same file.
 *
 * @param first the first index
 * @param last the last index, inclusive; {@link Integer#MAX_VALUE} for "to the end"
 */
public record DocumentRange(int first, int last) {
    /** Every document. */
    public static final DocumentRange ALL = new DocumentRange(0, Integer.MAX_VALUE);

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)(?:\\s*-\\s*(\\d*))?");

    public DocumentRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException(
                    "document range " + first + "-" + last + ": expected 0 <= first <= last");
        }
    }

    /**
     * Parses {@code A-B}, {@code A-}, {@code A} or {@code all}; null and {@code all} give {@link
     * #ALL}. The error names what is accepted.
     */
    public static DocumentRange parse(Object value) {
        if (value == null) {
            return ALL;
        }
        String text = String.valueOf(value).strip();
        if (text.equalsIgnoreCase("all")) {
            return ALL;
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "document range '"
                            + text
                            + "' not accepted (accepted: FIRST-LAST, FIRST-, N or all; 0-based,"
                            + " inclusive)");
        }
        try {
            int first = Integer.parseInt(m.group(1));
            if (m.group(2) == null) {
                return new DocumentRange(first, first);
            }
            int last = m.group(2).isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(m.group(2));
            if (last < first) {
                throw new IllegalArgumentException(
                        "document range '" + text + "' ends before it starts");
            }
            return new DocumentRange(first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("document range '" + text + "': number too large");
        }
    }

    public boolean isAll() {
        return first == 0 && last == Integer.MAX_VALUE;
    }

    public boolean contains(int index) {
        return index >= first && index <= last;
    }

    /** How many of {@code available} documents (indices 0..available-1) lie in the range. */
    public int countOf(int available) {
        if (first >= available) {
            return 0;
        }
        return (int) (Math.min((long) last, available - 1L) - first + 1);
    }

    /** {@code A-B}, {@code A-} or {@code all}; parses back to the same range. */
    @Override
    public String toString() {
        if (isAll()) {
            return "all";
        }
        if (last == Integer.MAX_VALUE) {
            return first + "-";
        }
        return first == last ? String.valueOf(first) : first + "-" + last;
    }
}
