package dev.editgate.edit;

import java.util.Objects;

/**
 * One fact to write into a model.
 *
 * @param prompt the edit prompt, containing {@code subject} (e.g. "The capital of France is")
 * @param subject the entity the fact is about; its last token is where ROME reads its key
 * @param target the new answer (e.g. " Rome" — leading space as it should follow the prompt)
 * @param groundTruth the answer before the edit, or null when the dataset has none
 * @param rephrase a paraphrase of the prompt (generalization), or null
 * @param localityPrompt an unrelated prompt whose answer must not change, or null
 * @param localityAnswer the unrelated prompt's reference answer, or null
 */
public record EditRequest(
        String prompt,
        String subject,
        String target,
        String groundTruth,
        String rephrase,
        String localityPrompt,
        String localityAnswer) {

    public EditRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(target, "target");
    }

    /** A request with only prompt, subject and target. */
    public static EditRequest of(String prompt, String subject, String target) {
        return new EditRequest(prompt, subject, target, null, null, null, null);
    }
}
