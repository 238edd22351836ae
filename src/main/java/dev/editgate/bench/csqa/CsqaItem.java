package dev.editgate.bench.csqa;

import java.util.List;

/** One CommonsenseQA question: five options labelled A–E and the correct label. */
public record CsqaItem(
        String id, String question, List<String> labels, List<String> texts, String answerKey) {}
