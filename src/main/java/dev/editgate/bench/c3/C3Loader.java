package dev.editgate.bench.c3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads C3 questions. The original release (the copy in {@code ../shared}) is a JSON array of
 * documents {@code [paragraphs, questions, doc_id]} with questions {@code {question, choice,
 * answer}} (answer = the text of the right choice); Hugging Face exports ({@code clue/c3}) are JSON
 * lines {@code {id, context: [..], question, choice: [..], answer}}. As in OpenCompass' {@code
 * C3Dataset_V2}, the paragraphs are concatenated and options are padded to four with {@code
 * [NULL]}.
 */
final class C3Loader {
    private C3Loader() {}

    /** One question: its passage, question, four options and the right letter. */
    record C3Item(String id, String content, String question, List<String> choices, String label) {}

    static List<C3Item> load(Path file) {
        List<C3Item> out = new ArrayList<>();
        for (JsonData.Entry e : JsonData.readRecords(file)) {
            JsonNode n = e.node();
            if (n.isArray()) { // original document
                if (n.size() < 2 || !n.get(0).isArray() || !n.get(1).isArray()) {
                    throw DatasetException.at(
                            file,
                            e.line(),
                            "a C3 document must be [paragraphs, questions, doc_id]");
                }
                String doc = n.size() > 2 ? n.get(2).asText() : "doc" + out.size();
                StringBuilder content = new StringBuilder();
                n.get(0).forEach(p -> content.append(p.asText()));
                int q = 0;
                for (JsonNode question : n.get(1)) {
                    out.add(item(doc + "/" + q++, content.toString(), question, file, e.line()));
                }
            } else {
                StringBuilder content = new StringBuilder();
                n.path("context").forEach(p -> content.append(p.asText()));
                String id = n.hasNonNull("id") ? n.get("id").asText() : "line" + e.line();
                out.add(item(id, content.toString(), n, file, e.line()));
            }
        }
        return out;
    }

    private static C3Item item(String id, String content, JsonNode q, Path file, int line) {
        List<String> choices = new ArrayList<>();
        q.path("choice").forEach(c -> choices.add(c.asText()));
        String answer = JsonData.text(q, "answer", file, line);
        int index = choices.indexOf(answer);
        if (index < 0 || choices.size() > 4) {
            throw DatasetException.at(
                    file,
                    line,
                    "question "
                            + id
                            + ": answer '"
                            + answer
                            + "' must be one of at most four choices "
                            + choices);
        }
        while (choices.size() < 4) {
            choices.add("[NULL]");
        }
        return new C3Item(
                id,
                content,
                JsonData.text(q, "question", file, line),
                List.copyOf(choices),
                String.valueOf("ABCD".charAt(index)));
    }
}
