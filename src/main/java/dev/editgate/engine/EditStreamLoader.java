package dev.editgate.engine;

import dev.editgate.edit.EditRequest;
import java.nio.file.Path;
import java.util.List;

/** Reads an edit dataset file in a named format ({@code zsre}, {@code counterfact}). */
@FunctionalInterface
public interface EditStreamLoader {

    List<EditRequest> load(Path dataset, String format);

    /** The edit package's readers, {@link dev.editgate.edit.data.EditDatasets#load}. */
    static EditStreamLoader editDatasets() {
        return dev.editgate.edit.data.EditDatasets::load;
    }
}
