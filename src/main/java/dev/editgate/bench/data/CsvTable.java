package dev.editgate.bench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated file read as RFC 4180 (quoted fields may hold commas, doubled quotes and line
 * breaks). Each row remembers the line it starts on, for error messages.
 */
public final class CsvTable {

    /** One record: its fields and the 1-based line where it starts. */
    public record Row(List<String> fields, int line) {}

    private final Path file;
    private final List<Row> rows;

    private CsvTable(Path file, List<Row> rows) {
        this.file = file;
        this.rows = rows;
    }

    /** Reads {@code file} as UTF-8 (a leading byte-order mark is dropped). */
    public static CsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new CsvTable(file, parse(text, file));
    }

    static List<Row> parse(String text, Object source) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    rows.add(new Row(List.copyOf(fields), rowLine));
                }
                fields.clear();
                field.setLength(0);
                any = false;
                line++;
                rowLine = line;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw DatasetException.at(
                    source, rowLine, "quoted field not closed before end of file");
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            rows.add(new Row(List.copyOf(fields), rowLine));
        }
        return rows;
    }

    public Path file() {
        return file;
    }

    public List<Row> rows() {
        return rows;
    }
}
