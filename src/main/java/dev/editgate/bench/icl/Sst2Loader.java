package dev.editgate.bench.icl;

import dev.editgate.bench.data.DatasetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SST-2 as tab-separated lines with a header naming the text column ({@code text}, as in
 * {@code ../shared/data/sst2/dev.tsv}, or {@code sentence}, as GLUE ships it) and {@code label} (0
 * negative, 1 positive). The text is kept as written (GLUE's sentences end with a space).
 */
public final class Sst2Loader {
    private Sst2Loader() {}

    public static List<Sst2Item> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw DatasetException.at(file, 0, "empty; expected a header 'text<TAB>label'");
        }
        List<String> header = List.of(lines.get(0).strip().split("\t", -1));
        int text =
                header.indexOf("text") >= 0 ? header.indexOf("text") : header.indexOf("sentence");
        int label = header.indexOf("label");
        if (text < 0 || label < 0) {
            throw DatasetException.at(
                    file,
                    1,
                    "header "
                            + header
                            + " lacks the columns; expected 'text' (or GLUE's 'sentence') and"
                            + " 'label', tab-separated");
        }
        List<Sst2Item> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != header.size()) {
                throw DatasetException.at(
                        file,
                        i + 1,
                        f.length + " tab-separated fields, the header has " + header.size());
            }
            String l = f[label].strip();
            if (!l.equals("0") && !l.equals("1")) {
                throw DatasetException.at(
                        file, i + 1, "label '" + l + "'; expected 0 (negative) or 1 (positive)");
            }
            out.add(new Sst2Item("line" + (i + 1), f[text], Integer.parseInt(l)));
        }
        if (out.isEmpty()) {
            throw DatasetException.at(file, 0, "no SST-2 records after the header");
        }
        return List.copyOf(out);
    }
}
