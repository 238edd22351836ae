package dev.editgate.bench.protocol;

import java.util.List;

/**
 * One generative item.
 *
 * @param id the item's id in its dataset
 * @param prompt the exact text given to the model
 * @param reference the expected answer, as shown in reports
 * @param references every accepted answer (TyDiQA) or the tests to run (MBPP)
 */
public record GenItem(
        String id, String prompt, String reference, List<String> references, String group) {
    public GenItem {
        references = List.copyOf(references);
    }

    public GenItem(String id, String prompt, String reference, List<String> references) {
        this(id, prompt, reference, references, null);
    }

    public GenItem(String id, String prompt, String reference) {
        this(id, prompt, reference, List.of(reference), null);
    }

    /** The same item in {@code group} (a subject, task or language). */
    public GenItem inGroup(String name) {
        return new GenItem(id, prompt, reference, references, name);
    }
}
