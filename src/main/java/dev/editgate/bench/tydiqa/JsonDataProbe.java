package dev.editgate.bench.tydiqa;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells a SQuAD-style document (an object with "data") from JSON lines by its first bytes. */
final class JsonDataProbe {
    private JsonDataProbe() {}

    static boolean isDocumentWithData(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] head = new char[4096];
            int n = in.read(head);
            String s = n < 0 ? "" : new String(head, 0, n);
            int firstNewline = s.indexOf('\n');
            String firstLine = firstNewline < 0 ? s : s.substring(0, firstNewline);
            // a pretty-printed document starts "{" alone; one-line JSON with "data" is a document
            // too
            return firstLine.strip().equals("{")
                    || firstLine.contains("\"data\"") && !firstLine.contains("\"question\"");
        } catch (IOException e) {
            throw new dev.editgate.bench.data.DatasetException(
                    file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
