package dev.editgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.data.EditDatasets;
import dev.editgate.edit.mend.MendTrainer;
import dev.editgate.edit.mend.MendTrainingSettings;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate train mend}: trains a MEND hypernetwork for one model on edit records (ZsRE or
 * CounterFact with rephrase and locality fields) and writes the archive a suite's {@code method:
 * mend} reads. Rerunning the same command resumes from the last checkpoint in {@code --out}.
 */
@Command(
        name = "mend",
        mixinStandardHelpOptions = true,
        description = "Train a MEND hypernetwork (resumes from --out's checkpoint when present).")
final class TrainMendCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Hugging Face model folder")
    Path model;

    @Option(names = "--data", required = true, description = "training records (JSON)")
    Path data;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description = "zsre, counterfact, counterfact-rome or auto (default)")
    String format;

    @Option(
            names = "--records",
            description = "FROM:TO, the records of --data to train on (0-based, TO excluded)")
    String records;

    @Option(
            names = "--val",
            description = "validation records (default: the last 10%% of the training records)")
    Path val;

    @Option(names = "--val-format", defaultValue = "auto")
    String valFormat;

    @Option(names = "--val-records", description = "FROM:TO of --val (or of --data when no --val)")
    String valRecords;

    @Option(names = "--out", required = true, description = "archive folder")
    Path out;

    @Option(names = "--preset", description = "settings file hparams/mend/NAME.yaml")
    String preset;

    @Option(names = "--hparams", description = "settings file")
    Path hparams;

    @Option(names = "--set", description = "KEY=VALUE setting over the file's (repeatable)")
    List<String> set = List.of();

    @Option(names = "--restart", description = "discard --out's checkpoint and start over")
    boolean restart;

    @Option(names = "--dtype", defaultValue = "float32")
    String dtype;

    @Option(
            names = "--device",
            defaultValue = "auto",
            converter = DeviceConverter.class,
            description = "cpu, cuda, cuda:N or auto (default ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() {
        try {
            return train();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("editgate train mend: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("editgate train mend: " + e);
            return 2;
        }
    }

    private int train() {
        MendTrainingSettings settings = MendTrainingSettings.resolve(settings());
        Map<String, Object> provenance = new LinkedHashMap<>();
        List<EditRequest> train = read(data, format, records, "train", provenance);
        List<EditRequest> validation;
        if (val != null) {
            validation = read(val, valFormat, valRecords, "validation", provenance);
        } else if (valRecords != null) {
            validation = read(data, format, valRecords, "validation", provenance);
        } else {
            int keep = Math.max(1, train.size() / 10);
            validation = List.copyOf(train.subList(train.size() - keep, train.size()));
            train = List.copyOf(train.subList(0, train.size() - keep));
            provenance.put(
                    "validation", "the last " + keep + " of the training records above (held out)");
        }
        if (restart) {
            deleteCheckpoint();
        }
        System.out.printf(
                "train mend: %d training and %d validation records, out %s%n",
                train.size(), validation.size(), out);
        try (LanguageModel lm = Models.load(model, dtype, device)) {
            TrainProgress progress = new TrainProgress(System.out);
            MendTrainer.Result r =
                    MendTrainer.train(
                            lm,
                            settings,
                            new MendTrainer.Data(train, validation, provenance),
                            out,
                            progress);
            System.out.printf(
                    "RESULT iterations=%d first_iteration=%d best_iteration=%d"
                            + " train_iterations_per_s=%.3f edit_acc_val=%.4f"
                            + " loss_total_edit_val=%.5f early_stopped=%s%n",
                    r.iterations(),
                    r.firstIteration(),
                    r.bestIteration(),
                    1 / r.trainSecondsPerIteration(),
                    r.finalValidation().get("edit/acc_val"),
                    r.finalValidation().get("loss/total_edit_val"),
                    r.earlyStopped());
        }
        return 0;
    }

    private Map<String, Object> settings() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (preset != null) {
            values.put("preset", preset);
        }
        if (hparams != null) {
            values.put("hparams_file", hparams.toString());
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (String kv : set) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--set " + kv + ": expected KEY=VALUE (e.g. --set max_iters=2000)");
            }
            values.put(kv.substring(0, eq).trim(), yaml.load(kv.substring(eq + 1)));
        }
        return values;
    }

    private void deleteCheckpoint() {
        Path dir = out.resolve("train-state");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
                Files.delete(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot delete " + dir + ": " + e, e);
            }
        }
    }

    /** Records {@code range} of {@code file}; notes the file, its format and range. */
    static List<EditRequest> read(
            Path file, String format, String range, String what, Map<String, Object> provenance) {
        String fmt = format.equals("auto") ? detect(file) : format;
        List<EditRequest> all = EditDatasets.load(file, fmt);
        int from = 0;
        int to = all.size();
        if (range != null) {
            String[] p = range.split(":", -1);
            try {
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                from = p[0].isBlank() ? 0 : Integer.parseInt(p[0].trim());
                to = p[1].isBlank() ? all.size() : Integer.parseInt(p[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "records '" + range + "': expected FROM:TO (e.g. 200:1000, or 200:)");
            }
            if (from < 0 || to > all.size() || from >= to) {
                throw new IllegalArgumentException(
                        "records "
                                + range
                                + " of "
                                + file
                                + ": out of range (it holds "
                                + all.size()
                                + " editable records; accepted: 0 <= FROM < TO <= "
                                + all.size()
                                + ")");
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("file", file.toAbsolutePath().normalize().toString());
        p.put("format", fmt);
        p.put("records", List.of(from, to));
        provenance.put(what, p);
        return List.copyOf(all.subList(from, to));
    }

    /** zsre (src/alt), counterfact-rome (requested_rewrite) or counterfact (prompt/target_new). */
    static String detect(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": cannot read as JSON: " + e.getMessage(), e);
        }
        JsonNode first = root != null && root.isArray() && !root.isEmpty() ? root.get(0) : null;
        if (first != null && first.has("src") && first.has("alt")) {
            return "zsre";
        }
        if (first != null && first.has("requested_rewrite")) {
            return "counterfact-rome";
        }
        if (first != null && first.has("prompt") && first.has("target_new")) {
            return "counterfact";
        }
        throw new IllegalArgumentException(
                file
                        + ": cannot tell the format from the first record (accepted: a JSON array of"
                        + " zsre, counterfact or counterfact-rome records; or pass --format)");
    }
}
