package dev.editgate.bench.mmlu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.data.CsvTable;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads MMLU from a folder holding {@code dev/} and {@code test/} (and optionally {@code val/})
 * with one file per subject, {@code <subject>_<split>.csv} or {@code .jsonl}. Accepted formats,
 * detected per file unless {@code format} names one:
 *
 * <ul>
 *   <li>{@code csv-header}: header {@code question,choice0,choice1,choice2,choice3,answer}, answer
 *       a 0-based index (the copy in {@code ../shared/data/mmlu});
 *   <li>{@code csv}: the original Hendrycks files, no header, six columns, answer a letter A–D;
 *   <li>{@code jsonl}: Hugging Face {@code cais/mmlu} export, {@code question}, {@code choices}
 *       (four strings), {@code answer} (index or letter), optional {@code subject}.
 * </ul>
 */
final class MmluLoader {
    static final List<String> FORMATS = List.of("auto", "csv-header", "csv", "jsonl");

    private final String format;

    MmluLoader(String format) {
        this.format = format == null ? "auto" : format;
    }

    /** Every subject of {@code split}, by subject name. */
    Map<String, List<MmluItem>> load(Path root, String split) {
        Path dir = root.resolve(split);
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(
                    root
                            + ": no '"
                            + split
                            + "' folder; MMLU needs <dataset>/dev/"
                            + " and <dataset>/test/ with <subject>_<split>.csv or .jsonl files");
        }
        Map<String, List<MmluItem>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                String suffix = "_" + split;
                int dot = n.lastIndexOf('.');
                if (dot < 0 || !n.substring(0, dot).endsWith(suffix)) {
                    continue;
                }
                String subject = n.substring(0, dot - suffix.length());
                out.put(subject, readFile(f, subject, split));
            }
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DatasetException(dir + ": no <subject>_" + split + ".csv or .jsonl files");
        }
        return out;
    }

    List<MmluItem> readFile(Path file, String subject, String split) {
        String f = format;
        if (f.equals("auto")) {
            f =
                    file.toString().endsWith(".jsonl") || file.toString().endsWith(".json")
                            ? "jsonl"
                            : "csv?";
        }
        if (f.equals("jsonl")) {
            return readJson(file, subject, split);
        }
        List<CsvTable.Row> rows = CsvTable.read(file).rows();
        boolean header =
                !rows.isEmpty()
                        && rows.get(0).fields().get(0).equals("question")
                        && rows.get(0).fields().size() == 6;
        if (f.equals("csv?")) {
            f = header ? "csv-header" : "csv";
        }
        List<MmluItem> items = new ArrayList<>();
        for (int r = f.equals("csv-header") ? 1 : 0; r < rows.size(); r++) {
            CsvTable.Row row = rows.get(r);
            if (row.fields().size() != 6) {
                throw DatasetException.at(
                        file,
                        row.line(),
                        "expected 6 columns (question, 4 choices, "
                                + "answer), found "
                                + row.fields().size());
            }
            int answer = answerIndex(row.fields().get(5), file, row.line());
            items.add(
                    new MmluItem(
                            subject + "/" + split + "/" + (items.size()),
                            subject,
                            row.fields().get(0),
                            row.fields().subList(1, 5),
                            answer));
        }
        return items;
    }

    private List<MmluItem> readJson(Path file, String subject, String split) {
        List<MmluItem> items = new ArrayList<>();
        for (JsonData.Entry e : JsonData.readRecords(file)) {
            JsonNode n = e.node();
            JsonNode choices = n.get("choices");
            if (choices == null || !choices.isArray() || choices.size() != 4) {
                throw DatasetException.at(file, e.line(), "'choices' must be a list of 4 strings");
            }
            List<String> c = new ArrayList<>();
            choices.forEach(x -> c.add(x.asText()));
            String subj = n.hasNonNull("subject") ? n.get("subject").asText() : subject;
            items.add(
                    new MmluItem(
                            subj + "/" + split + "/" + items.size(),
                            subj,
                            JsonData.text(n, "question", file, e.line()),
                            List.copyOf(c),
                            answerIndex(
                                    JsonData.text(n, "answer", file, e.line()), file, e.line())));
        }
        return items;
    }

    static int answerIndex(String raw, Path file, int line) {
        String a = raw.trim();
        if (a.length() == 1 && MmluItem.LETTERS.indexOf(a.charAt(0)) >= 0) {
            return MmluItem.LETTERS.indexOf(a.charAt(0));
        }
        if (a.length() == 1 && a.charAt(0) >= '0' && a.charAt(0) <= '3') {
            return a.charAt(0) - '0';
        }
        throw DatasetException.at(
                file, line, "answer '" + raw + "' is neither a letter A-D nor an index 0-3");
    }
}
