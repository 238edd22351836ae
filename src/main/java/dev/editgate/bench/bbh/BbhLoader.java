package dev.editgate.bench.bbh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads BBH as released ({@code suzgunmirac/BIG-Bench-Hard}): {@code <root>/bbh/<task>.json} =
 * {@code {examples: [{input, target}]}} and {@code <root>/cot-prompts/<task>.txt}. OpenCompass'
 * layout ({@code data/} and {@code lib_prompt/}) is accepted too. A prompt file's canary line and
 * {@code -----} separator are dropped, leaving the task description and the three exemplars.
 */
final class BbhLoader {
    /** One example: the task, its index in the task file, input and target. */
    record Example(String task, int index, String input, String target) {}

    private final Path data;
    private final Path prompts;

    BbhLoader(Path root) {
        this.data = firstDir(root, "bbh", "data");
        this.prompts = firstDir(root, "cot-prompts", "lib_prompt");
    }

    private static Path firstDir(Path root, String a, String b) {
        if (Files.isDirectory(root.resolve(a))) {
            return root.resolve(a);
        }
        if (Files.isDirectory(root.resolve(b))) {
            return root.resolve(b);
        }
        throw new DatasetException(
                root
                        + ": no '"
                        + a
                        + "' (or '"
                        + b
                        + "') folder; BBH needs <dataset>/bbh/<task>.json"
                        + " and <dataset>/cot-prompts/<task>.txt");
    }

    List<Example> examples(String task) {
        Path file = data.resolve(task + ".json");
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(
                    file + ": missing; BBH task '" + task + "' has no examples file");
        }
        JsonNode ex = JsonData.readDocument(file).get("examples");
        if (ex == null || !ex.isArray()) {
            throw new DatasetException(
                    file + ": expected {\"examples\": [{\"input\", \"target\"}]}");
        }
        List<Example> out = new ArrayList<>();
        for (JsonNode e : ex) {
            out.add(
                    new Example(
                            task,
                            out.size(),
                            JsonData.text(e, "input", file, 0),
                            JsonData.text(e, "target", file, 0)));
        }
        return out;
    }

    /** The few-shot block of {@code task}: description and exemplars, canary removed, stripped. */
    String hint(String task) {
        Path file = prompts.resolve(task + ".txt");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(
                    file + ": cannot read the CoT prompt of task '" + task + "': " + e.getMessage(),
                    e);
        }
        int sep = text.indexOf("\n-----\n");
        if (text.startsWith("BENCHMARK DATA SHOULD NEVER APPEAR") && sep >= 0) {
            text = text.substring(sep + "\n-----\n".length());
        }
        return text.strip();
    }
}
