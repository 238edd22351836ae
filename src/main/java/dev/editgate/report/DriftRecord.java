package dev.editgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code drift.jsonl}: how far one changed tensor of one scenario has drifted from the
 * unedited weights at a checkpoint.
 *
 * @param pearson Pearson correlation of the tensor with its unedited self
 * @param relativeChange ‖W − W₀‖ / ‖W₀‖
 */
public record DriftRecord(
        String suite,
        String scenario,
        int editsApplied,
        String tensor,
        double pearson,
        double relativeChange) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every record of {@code file}; empty when there is no file. Unreadable lines are errors. */
    public static List<DriftRecord> read(Path file) {
        List<DriftRecord> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            int line = 0;
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(text);
                if (n == null || !n.hasNonNull("tensor") || !n.hasNonNull("pearson")) {
                    throw new IOException(
                            file + ":" + line + ": not a drift record (tensor, pearson missing)");
                }
                out.add(
                        new DriftRecord(
                                n.path("suite").asText(),
                                n.path("scenario").asText(),
                                n.path("edits_applied").asInt(),
                                n.get("tensor").asText(),
                                n.get("pearson").asDouble(),
                                n.path("relative_change").asDouble(Double.NaN)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read parameter drift " + file, e);
        }
        return out;
    }
}
