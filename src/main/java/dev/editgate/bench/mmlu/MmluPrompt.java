package dev.editgate.bench.mmlu;

import dev.editgate.bench.protocol.PromptTemplate;
import java.util.List;
import java.util.Map;

/**
 * OpenCompass' MMLU PPL prompt ({@code mmlu_ppl_ac766d}): a header naming the subject (with the
 * config's double space), the in-context examples each followed by its answer letter and a blank
 * line, then the question ending in {@code Answer:}, the question text as the file has it; each
 * option is the continuation {@code " A"} .. {@code " D"}.
 */
final class MmluPrompt {
    /** OpenCompass' hint, byte for byte: its f-string has two spaces after "about". */
    static final String DEFAULT_HEADER =
            "The following are multiple choice questions (with answers) about  {subject}.\n\n";

    static final String DEFAULT_TEMPLATE = "{question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\nAnswer:";
    static final List<String> FIELDS = List.of("subject", "question", "A", "B", "C", "D");

    private final PromptTemplate header;
    private final PromptTemplate question;

    MmluPrompt(String header, String question) {
        this.header = new PromptTemplate(header == null ? DEFAULT_HEADER : header);
        this.question = new PromptTemplate(question == null ? DEFAULT_TEMPLATE : question);
    }

    /** The shared context of {@code item} with {@code shots} as in-context examples. */
    String context(MmluItem item, List<MmluItem> shots) {
        StringBuilder s = new StringBuilder(header.render(fields(item)));
        for (MmluItem shot : shots) {
            s.append(question.render(fields(shot)))
                    .append(' ')
                    .append(shot.answerLetter())
                    .append("\n\n");
        }
        return s.append(question.render(fields(item))).toString();
    }

    /** The continuation of option {@code index}. */
    static String continuation(int index) {
        return " " + MmluItem.LETTERS.charAt(index);
    }

    private static Map<String, String> fields(MmluItem item) {
        return Map.of(
                "subject", item.subject().replace('_', ' '),
                "question", item.question(),
                "A", item.choices().get(0),
                "B", item.choices().get(1),
                "C", item.choices().get(2),
                "D", item.choices().get(3));
    }
}
