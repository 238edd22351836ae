package dev.editgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.bench.ItemRecord;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A measurement's per-item records (prompt, prediction, reference, correct, score; group, nll and
 * tokens when the benchmark sets them), one JSON line each: written to {@code
 * reports/<run-id>/items/<suite>/<scenario>/<edits>-<capability>.jsonl} and attached to the running
 * Allure test, so a reader can see what the model answered. The unedited model's items go under the
 * scenario folder {@code _baseline_} as {@code 0-<capability>.jsonl} (also when the baseline came
 * from the cache, which keeps them beside the score), so a reader can line up which items an edit
 * stream flipped.
 */
public final class ItemRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemRecords() {}

    /** Writes {@code items} to {@code file} (replacing it), without attaching them anywhere. */
    public static String save(Path file, List<ItemRecord> items) {
        String text = jsonl(items);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write item records to " + file, e);
        }
        return text;
    }

    /** Writes {@code items} to {@code file} (replacing it) and attaches them to the Allure test. */
    public static void write(Path file, List<ItemRecord> items) {
        String text = save(file, items);
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isPresent()) {
            lifecycle.addAttachment(
                    "items (jsonl)",
                    "application/x-ndjson",
                    "jsonl",
                    text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads a file written by {@link #save}: files of older runs, without groups or token counts,
     * read with none.
     *
     * @throws UncheckedIOException naming the file and line when it cannot be read
     */
    public static List<ItemRecord> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read item records " + file, e);
        }
        List<ItemRecord> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(lines.get(i));
                JsonNode score = n.get("score");
                out.add(
                        new ItemRecord(
                                n.path("id").asText(),
                                n.path("prompt").asText(),
                                n.path("prediction").asText(),
                                n.path("reference").asText(),
                                n.path("correct").asBoolean(),
                                score == null || score.isNull() ? Double.NaN : score.asDouble(),
                                n.hasNonNull("group") ? n.get("group").asText() : null,
                                n.hasNonNull("nll") ? n.get("nll").asDouble() : Double.NaN,
                                n.path("tokens").asLong(0)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(
                        file
                                + ":"
                                + (i + 1)
                                + ": not an item record ("
                                + e.getOriginalMessage()
                                + ")",
                        e);
            }
        }
        return out;
    }

    static String jsonl(List<ItemRecord> items) {
        StringBuilder out = new StringBuilder();
        for (ItemRecord r : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("prompt", r.prompt());
            m.put("prediction", r.prediction());
            m.put("reference", r.reference());
            m.put("correct", r.correct());
            m.put("score", Double.isFinite(r.score()) ? r.score() : null);
            if (r.group() != null) {
                m.put("group", r.group());
            }
            if (r.tokens() > 0) {
                m.put("nll", r.nll());
                m.put("tokens", r.tokens());
            }
            try {
                out.append(JSON.writeValueAsString(m)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }
}
