package dev.editgate.bench.protocol;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {name}} placeholders filled from an item's fields. Only identifiers in
 * braces are placeholders, so LaTeX such as {@code \boxed{16}} passes through unchanged; values are
 * inserted verbatim and never re-scanned.
 */
public final class PromptTemplate {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String text;

    public PromptTemplate(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Fills every placeholder; an unknown one is an error listing the fields there are. */
    public String render(Map<String, String> fields) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = fields.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(
                        "prompt template uses {"
                                + m.group(1)
                                + "}, which this benchmark does not provide; fields: "
                                + fields.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Checks that every placeholder is one of {@code fields} (at validation time). */
    public void check(Iterable<String> fields, String benchmark) {
        java.util.Set<String> known = new java.util.HashSet<>();
        fields.forEach(known::add);
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                throw new IllegalArgumentException(
                        benchmark
                                + ": setting 'template' uses {"
                                + m.group(1)
                                + "}; accepted placeholders: "
                                + known);
            }
        }
    }
}
