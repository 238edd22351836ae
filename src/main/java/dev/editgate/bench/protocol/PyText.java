package dev.editgate.bench.protocol;

import java.util.regex.Pattern;

/**
 * Python's string semantics where OpenCompass' post-processors rely on them: {@code str.strip()}
 * (Unicode white space), {@code str.isupper()} on one character, and {@code re} patterns compiled
 * as Python compiles a {@code str} pattern ({@code \s}, {@code \w}, {@code \b} Unicode-aware;
 * {@code $} and {@code .} treating only {@code \n} as a line end).
 */
public final class PyText {
    private PyText() {}

    /** Python's {@code str.isspace()} for one code point. */
    public static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** Python's {@code str.strip()}. */
    public static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.codePointAt(a))) {
            a += Character.charCount(s.codePointAt(a));
        }
        while (b > a && isSpace(s.codePointBefore(b))) {
            b -= Character.charCount(s.codePointBefore(b));
        }
        return s.substring(a, b);
    }

    /** Python's {@code c.isupper()} for a one-character string. */
    public static boolean isUpper(int cp) {
        return Character.isUpperCase(cp) && !Character.isTitleCase(cp);
    }

    /** A pattern as Python's {@code re.compile(regex, flags)} reads a {@code str} pattern. */
    public static Pattern regex(String regex, int extraFlags) {
        return Pattern.compile(
                regex, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES | extraFlags);
    }

    /** Python's {@code s.split(sep)[index]}, or null when there are not that many pieces. */
    public static String piece(String s, String sep, int index) {
        int from = 0;
        for (int i = 0; i < index; i++) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                return null;
            }
            from = at + sep.length();
        }
        int end = s.indexOf(sep, from);
        return end < 0 ? s.substring(from) : s.substring(from, end);
    }
}
