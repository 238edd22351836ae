package dev.editgate.bench.csqa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CommonsenseQA JSON lines in either published layout, detected per record:
 *
 * <ul>
 *   <li>Hugging Face flat ({@code tau/commonsense_qa}, the copy in {@code ../shared}): {@code id},
 *       {@code question} (text), {@code choices: {label: [..], text: [..]}}, {@code answerKey};
 *   <li>original nested: {@code id}, {@code answerKey}, {@code question: {stem, choices: [{label,
 *       text}]}}.
 * </ul>
 */
public final class CsqaLoader {
    private CsqaLoader() {}

    public static List<CsqaItem> load(Path file) {
        List<CsqaItem> out = new ArrayList<>();
        for (JsonData.Entry e : JsonData.readRecords(file)) {
            out.add(parse(e.node(), file, e.line()));
        }
        if (out.isEmpty()) {
            throw new DatasetException(file + ": no CommonsenseQA records");
        }
        return out;
    }

    static CsqaItem parse(JsonNode n, Path file, int line) {
        JsonNode q = n.get("question");
        String id = n.hasNonNull("id") ? n.get("id").asText() : "line" + line;
        String answer = n.hasNonNull("answerKey") ? n.get("answerKey").asText() : "";
        List<String> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String stem;
        if (q != null && q.isObject()) { // original nested layout
            stem = JsonData.text(q, "stem", file, line);
            JsonNode choices = q.get("choices");
            if (choices == null || !choices.isArray()) {
                throw DatasetException.at(
                        file, line, "question.choices must be a list of {label, text}");
            }
            for (JsonNode c : choices) {
                labels.add(JsonData.text(c, "label", file, line));
                texts.add(JsonData.text(c, "text", file, line));
            }
        } else {
            stem = JsonData.text(n, "question", file, line);
            JsonNode choices = n.get("choices");
            if (choices == null
                    || !choices.path("label").isArray()
                    || !choices.path("text").isArray()
                    || choices.get("label").size() != choices.get("text").size()) {
                throw DatasetException.at(
                        file,
                        line,
                        "choices must be {label: [...], text: [...]} of equal length (Hugging Face layout)"
                                + " or question must be {stem, choices} (original layout)");
            }
            choices.get("label").forEach(x -> labels.add(x.asText()));
            choices.get("text").forEach(x -> texts.add(x.asText()));
        }
        if (!labels.contains(answer)) {
            throw DatasetException.at(
                    file, line, "answerKey '" + answer + "' is not one of the labels " + labels);
        }
        return new CsqaItem(id, stem, List.copyOf(labels), List.copyOf(texts), answer);
    }
}
