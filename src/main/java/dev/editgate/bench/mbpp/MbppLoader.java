package dev.editgate.bench.mbpp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.data.JsonData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MBPP JSON lines: the original release / Hugging Face {@code mbpp} full config ({@code
 * task_id, text, code, test_list, test_setup_code}) and the sanitized variants ({@code prompt},
 * {@code test_imports}, {@code test_list}; task ids optional).
 */
final class MbppLoader {
    private MbppLoader() {}

    static List<MbppTask> load(Path file) {
        List<MbppTask> out = new ArrayList<>();
        for (JsonData.Entry e : JsonData.readRecords(file)) {
            JsonNode n = e.node();
            String text =
                    n.hasNonNull("text")
                            ? n.get("text").asText()
                            : JsonData.text(n, "prompt", file, e.line());
            List<String> tests = new ArrayList<>();
            n.path("test_list").forEach(t -> tests.add(t.asText()));
            if (tests.isEmpty()) {
                throw DatasetException.at(file, e.line(), "task has no test_list asserts");
            }
            StringBuilder setup = new StringBuilder();
            n.path("test_imports").forEach(t -> setup.append(t.asText()).append('\n'));
            if (n.hasNonNull("test_setup_code")) {
                setup.append(n.get("test_setup_code").asText());
            }
            int taskId = n.hasNonNull("task_id") ? n.get("task_id").asInt() : -1;
            String id = taskId >= 0 ? String.valueOf(taskId) : "line" + e.line();
            out.add(new MbppTask(id, taskId, text, List.copyOf(tests), setup.toString()));
        }
        if (out.isEmpty()) {
            throw new DatasetException(file + ": no MBPP tasks");
        }
        return out;
    }
}
