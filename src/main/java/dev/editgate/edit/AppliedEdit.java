package dev.editgate.edit;

import java.util.List;
import java.util.Map;

/**
 * What an {@link EditMethod} did for one batch of requests.
 *
 * @param changedTensors Hugging Face names of the weights it modified (empty for adaptors)
 * @param details method-specific figures for the report (losses, norms, codebook size)
 */
public record AppliedEdit(List<String> changedTensors, Map<String, Object> details) {
    public AppliedEdit {
        changedTensors = List.copyOf(changedTensors);
        details = Map.copyOf(details);
    }
}
