package dev.editgate.edit.mend;

import dev.editgate.edit.EditContext;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.weights.CheckpointException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code method: mend} with {@code archive: <folder written by ./editgate train mend>}. The archive
 * must have been trained on this very model (content hash), and a suite may not edit the records it
 * was trained or validated on.
 */
public final class MendProvider implements EditMethodProvider {
    /** The hyperparameter naming the trained archive's folder. */
    public static final String ARCHIVE = "archive";

    @Override
    public String name() {
        return "mend";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return Set.of(ARCHIVE);
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        archivePath(hyperparameters);
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        MendArchive archive = MendArchive.read(archivePath(hyperparameters, null));
        return new MendMethod(archive.network(model, model.weights().contentHash()), archive);
    }

    /** In a suite: a relative archive path resolves against the suite's folder. */
    @Override
    public EditMethod create(
            LanguageModel model, Map<String, Object> hyperparameters, EditContext context) {
        Path dir = archivePath(hyperparameters, context.suiteDir());
        if (!MendArchive.exists(dir)) {
            throw new CheckpointException(
                    context.label()
                            + ": no trained MEND archive at "
                            + dir
                            + " ("
                            + MendArchive.MANIFEST
                            + " is missing). Train it first: ./editgate train mend --model "
                            + context.modelPath()
                            + " --data TRAINING_RECORDS.json --out "
                            + dir
                            + " (the suite file says which records; README \"MEND\")");
        }
        MendArchive archive = MendArchive.read(dir);
        return new MendMethod(archive.network(model, context.modelHash()), archive);
    }

    @Override
    public void checkEdits(
            Map<String, Object> hyperparameters, List<EditRequest> edits, Path suiteDir) {
        Path dir = archivePath(hyperparameters, suiteDir);
        if (MendArchive.exists(dir)) {
            MendArchive.read(dir).checkDisjoint(edits);
        }
    }

    static Path archivePath(Map<String, Object> hyperparameters) {
        return archivePath(hyperparameters, null);
    }

    /** The archive folder; relative paths resolve against {@code base} (or the working folder). */
    static Path archivePath(Map<String, Object> hyperparameters, Path base) {
        for (String key : hyperparameters.keySet()) {
            if (!key.equals(ARCHIVE)) {
                throw new IllegalArgumentException(
                        "mend hyperparameter '"
                                + key
                                + "' is not accepted; accepted: ["
                                + ARCHIVE
                                + "] (training settings go to ./editgate train mend)");
            }
        }
        Object v = hyperparameters.get(ARCHIVE);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(
                    "mend needs '"
                            + ARCHIVE
                            + "': the folder of a trained hypernetwork (./editgate train mend --out"
                            + " DIR), got "
                            + v);
        }
        // suites expand variables when they are read; direct callers get the default ones
        Path p = Path.of(EditEnvironment.defaults().variables().expand(s));
        return (base == null || p.isAbsolute() ? p : base.resolve(p)).toAbsolutePath().normalize();
    }
}
