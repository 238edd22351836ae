package dev.editgate.bench.tydiqa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads TyDiQA-GoldP as published ({@code tydiqa-goldp-v1.1-dev.json}): SQuAD v1.1 layout, {@code
 * {data: [{title, paragraphs: [{context, qas: [{id, question, answers: [{text,
 * answer_start}]}]}]}]}}; the language is the prefix of each question id ({@code english-…}).
 * Hugging Face exports ({@code tydiqa} goldp config / SQuAD-style lines: {@code id, context,
 * question, answers: {text: [..]}}) are read too.
 */
final class TydiqaLoader {
    /** One question with its passage, language and every reference answer. */
    record Question(
            String id, String language, String passage, String question, List<String> answers) {}

    private TydiqaLoader() {}

    static List<Question> load(Path file) {
        List<Question> out = new ArrayList<>();
        if (JsonDataProbe.isDocumentWithData(file)) {
            JsonNode data = JsonData.readDocument(file).get("data");
            for (JsonNode article : data) {
                for (JsonNode para : article.path("paragraphs")) {
                    String context = JsonData.text(para, "context", file, 0);
                    for (JsonNode qa : para.path("qas")) {
                        List<String> answers = new ArrayList<>();
                        qa.path("answers").forEach(a -> answers.add(a.path("text").asText()));
                        out.add(
                                question(
                                        JsonData.text(qa, "id", file, 0),
                                        context,
                                        JsonData.text(qa, "question", file, 0),
                                        answers,
                                        file,
                                        0));
                    }
                }
            }
        } else {
            for (JsonData.Entry e : JsonData.readRecords(file)) {
                JsonNode n = e.node();
                List<String> answers = new ArrayList<>();
                JsonNode a = n.path("answers");
                (a.isArray() ? a : a.path("text"))
                        .forEach(
                                x ->
                                        answers.add(
                                                x.isObject()
                                                        ? x.path("text").asText()
                                                        : x.asText()));
                out.add(
                        question(
                                JsonData.text(n, "id", file, e.line()),
                                JsonData.text(n, "context", file, e.line()),
                                JsonData.text(n, "question", file, e.line()),
                                answers,
                                file,
                                e.line()));
            }
        }
        if (out.isEmpty()) {
            throw new DatasetException(
                    file + ": no questions (SQuAD v1.1 layout expected: data/paragraphs/qas)");
        }
        return out;
    }

    private static Question question(
            String id, String context, String q, List<String> answers, Path file, int line) {
        if (answers.isEmpty()) {
            throw DatasetException.at(
                    file,
                    line,
                    "question " + id + " has no answers; GoldP questions have at least one");
        }
        int dash = id.indexOf('-');
        String lang = dash > 0 ? id.substring(0, dash) : "unknown";
        return new Question(id, lang, context, q, List.copyOf(new LinkedHashSet<>(answers)));
    }

    /** Languages present, in first-seen order. */
    static Set<String> languages(List<Question> qs) {
        Set<String> out = new LinkedHashSet<>();
        qs.forEach(q -> out.add(q.language()));
        return out;
    }
}
