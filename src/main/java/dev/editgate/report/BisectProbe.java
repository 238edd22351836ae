package dev.editgate.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A measurement's place in an {@code ./editgate bisect} search, as {@code results.jsonl} records
 * it. The search's finding is the failing probe with the smallest edit count whose predecessor
 * batch passes; its {@code batch} is the edit (or batch) that broke the capability.
 *
 * @param probe 1 for the first probe of the search, 2 for the next, ...
 * @param lo the search's lower bound (taken to pass)
 * @param hi the search's upper bound (measured first)
 * @param from the edit count the model was brought from (0: the unedited model)
 * @param editsApplied edits applied to reach this probe
 * @param batch the edits of the batch that ends at this probe's edit count, in stream order
 */
public record BisectProbe(
        @JsonProperty("probe") int probe,
        @JsonProperty("lo") int lo,
        @JsonProperty("hi") int hi,
        @JsonProperty("from") int from,
        @JsonProperty("edits_applied") int editsApplied,
        @JsonProperty("batch") List<Edit> batch) {

    public BisectProbe {
        batch = List.copyOf(batch);
    }

    /**
     * One edit of the stream.
     *
     * @param edit its 1-based position in the stream
     * @param subject the edited subject
     * @param prompt the edit's prompt
     * @param target the new target
     */
    public record Edit(
            @JsonProperty("edit") int edit,
            @JsonProperty("subject") String subject,
            @JsonProperty("prompt") String prompt,
            @JsonProperty("target") String target) {}
}
