package dev.editgate.edit;

import dev.editgate.model.TextTokenizer;

/**
 * Which token ROME and MEMIT read keys at and add their value delta to ({@code fact_token}): the
 * subject's last token (the papers' choice) or the prompt's last token ({@code last}, as ROME's
 * code also offers; useful when a small model carries little from the subject forward).
 */
public enum FactToken {
    SUBJECT_LAST("subject_last"),
    LAST("last");

    private final String id;

    FactToken(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Token index (into {@code encode(text)}) for {@code subject} within {@code text}. */
    public int index(TextTokenizer tokenizer, String text, String subject) {
        int subjectLast = EditTokens.subjectLast(tokenizer, text, subject); // checks the subject
        return this == SUBJECT_LAST ? subjectLast : tokenizer.encode(text).length - 1;
    }

    /** Parses {@code subject_last} / {@code last}; the error lists both. */
    public static FactToken parse(String method, String value) {
        for (FactToken f : values()) {
            if (f.id.equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                method
                        + " hyperparameter 'fact_token' = "
                        + value
                        + " is not accepted; accepted: subject_last, last");
    }
}
