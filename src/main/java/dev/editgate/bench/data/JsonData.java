package dev.editgate.bench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads JSON documents and JSON-lines files, with file:line in every error. */
public final class JsonData {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonData() {}

    /** One JSON record and the line it came from (1 for a whole-file document). */
    public record Entry(JsonNode node, int line) {}

    /** The whole file as one JSON document. */
    public static JsonNode readDocument(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw DatasetException.at(file, line, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** One JSON object per non-blank line. */
    public static List<Entry> readLines(Path file) {
        List<Entry> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            int line = 0;
            while ((s = in.readLine()) != null) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                try {
                    out.add(new Entry(MAPPER.readTree(s), line));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw DatasetException.at(
                            file,
                            line,
                            "not a JSON object (JSON lines expected): " + e.getOriginalMessage());
                }
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Records of a file that is either JSON lines or one JSON array of records: the first non-blank
     * character decides ({@code [} array, otherwise lines).
     */
    public static List<Entry> readRecords(Path file) {
        if (startsWithArray(file)) {
            JsonNode doc = readDocument(file);
            List<Entry> out = new ArrayList<>();
            for (Iterator<JsonNode> it = doc.elements(); it.hasNext(); ) {
                out.add(new Entry(it.next(), 1));
            }
            return out;
        }
        return readLines(file);
    }

    static boolean startsWithArray(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = in.read()) != -1) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c == '[';
                }
            }
            return false;
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A required text field of a record; the error names the file, the line and the field. */
    public static String text(JsonNode node, String field, Path file, int line) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw DatasetException.at(
                    file,
                    line,
                    "record has no text field '" + field + "'; fields: " + fieldNames(node));
        }
        return v.asText();
    }

    /** The record's field names, for error messages. */
    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
