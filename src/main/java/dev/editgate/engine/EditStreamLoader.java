package dev.editgate.engine;

import dev.editgate.edit.EditRequest;
import dev.editgate.edit.data.EditDatasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Reads an edit dataset file in a named format ({@code zsre}, {@code counterfact}). */
@FunctionalInterface
public interface EditStreamLoader {

    List<EditRequest> load(Path dataset, String format);

    /**
     * The formats this loader reads: suites naming another are invalid. Empty (the default) when
     * the loader does not say; any format is then accepted at discovery and the loader judges it.
     */
    default Set<String> formats() {
        return Set.of();
    }

    /**
     * The edit package's readers, {@link EditDatasets#load}, with their {@link
     * EditDatasets#FORMATS}.
     */
    static EditStreamLoader editDatasets() {
        return new EditStreamLoader() {
            @Override
            public List<EditRequest> load(Path dataset, String format) {
                return EditDatasets.load(dataset, format);
            }

            @Override
            public Set<String> formats() {
                return Set.copyOf(EditDatasets.FORMATS);
            }
        };
    }
}
