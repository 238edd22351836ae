package dev.editgate.engine;

import dev.editgate.edit.EditRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/** Reads an edit dataset file in a named format ({@code zsre}, {@code counterfact}). */
@FunctionalInterface
public interface EditStreamLoader {

    List<EditRequest> load(Path dataset, String format);

    /**
     * The edit package's readers, {@code dev.editgate.edit.data.EditDatasets.load(Path, String)},
     * looked up when first used so that the engine builds before that package does.
     */
    static EditStreamLoader editDatasets() {
        return (dataset, format) -> {
            Method load;
            try {
                load = Class.forName("dev.editgate.edit.data.EditDatasets")
                        .getMethod("load", Path.class, String.class);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + dataset + ": the edit dataset"
                        + " readers (dev.editgate.edit.data.EditDatasets.load(Path, String)) are"
                        + " not on the class path", e);
            }
            try {
                @SuppressWarnings("unchecked")
                List<EditRequest> edits = (List<EditRequest>) load.invoke(null, dataset, format);
                return edits;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("cannot read " + dataset, e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call EditDatasets.load", e);
            }
        };
    }
}
