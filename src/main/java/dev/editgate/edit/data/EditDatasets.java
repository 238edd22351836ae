package dev.editgate.edit.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads edit datasets into {@link EditRequest}s. Formats:
 *
 * <ul>
 *   <li>{@code zsre}: MEND/ROME ZsRE JSON ({@code subject, src, alt, rephrase, loc, loc_ans,
 *       answers}); prompt = src, target = alt, locality = loc → loc_ans;
 *   <li>{@code counterfact}: EasyEdit's flat CounterFact ({@code prompt, subject, target_new,
 *       ground_truth, rephrase_prompt, locality_prompt, locality_ground_truth});
 *   <li>{@code counterfact-rome}: ROME's original nested CounterFact ({@code requested_rewrite:
 *       {prompt with {}, subject, target_new.str, target_true.str}, paraphrase_prompts,
 *       neighborhood_prompts}); the first paraphrase and neighbourhood prompt are used, the
 *       neighbourhood answer being the original object.
 * </ul>
 *
 * Targets and answers get a leading space when they lack one, as ROME and MEMIT do before
 * tokenizing, so they tokenize as the continuation of their prompt. Errors name the file, the
 * record index and the field. Records whose new target is an empty string (two in the ZsRE 1k
 * subset) cannot be edited and are skipped with a warning listing their indices.
 */
public final class EditDatasets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(EditDatasets.class);

    /** The formats {@link #load} reads; suites are validated against them. */
    public static final List<String> FORMATS = List.of("zsre", "counterfact", "counterfact-rome");

    private EditDatasets() {}

    /**
     * Every record of {@code file} in {@code format} ({@code zsre}, {@code counterfact}, {@code
     * counterfact-rome}).
     */
    public static List<EditRequest> load(Path file, String format) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.newBufferedReader(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": cannot read as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": expected a JSON array of records");
        }
        List<EditRequest> out = new ArrayList<>(root.size());
        List<Integer> skipped = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            Record r = new Record(file, i, root.get(i));
            EditRequest req =
                    switch (format) {
                        case "zsre" -> zsre(r);
                        case "counterfact" -> counterfact(r);
                        case "counterfact-rome" -> counterfactRome(r);
                        default ->
                                throw new IllegalArgumentException(
                                        "edit dataset format '"
                                                + format
                                                + "' is not known; accepted: "
                                                + String.join(", ", FORMATS));
                    };
            if (req == null) {
                skipped.add(i);
            } else {
                out.add(req);
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn(
                    "{}: skipped {} record(s) with an empty target: {}",
                    file,
                    skipped.size(),
                    skipped);
        }
        return out;
    }

    private static EditRequest zsre(Record r) {
        if (r.isEmptyString("alt")) {
            return null;
        }
        JsonNode answers = r.node().get("answers");
        String truth =
                answers != null && answers.isArray() && !answers.isEmpty()
                        ? spaced(answers.get(0).asText())
                        : null;
        return new EditRequest(
                r.text("src"),
                r.text("subject"),
                spaced(r.text("alt")),
                truth,
                r.optionalText("rephrase"),
                r.optionalText("loc"),
                spaced(r.optionalText("loc_ans")));
    }

    private static EditRequest counterfact(Record r) {
        if (r.isEmptyString("target_new")) {
            return null;
        }
        return new EditRequest(
                r.text("prompt"),
                r.text("subject"),
                spaced(r.text("target_new")),
                spaced(r.optionalText("ground_truth")),
                r.optionalText("rephrase_prompt"),
                r.optionalText("locality_prompt"),
                spaced(r.optionalText("locality_ground_truth")));
    }

    private static EditRequest counterfactRome(Record r) {
        Record rw = r.child("requested_rewrite");
        String subject = rw.text("subject");
        String template = rw.text("prompt");
        if (!template.contains("{}")) {
            throw r.error(
                    "requested_rewrite.prompt",
                    "a template containing {}, was \"" + template + "\"");
        }
        String target = spaced(rw.child("target_new").text("str"));
        String truth = spaced(rw.child("target_true").text("str"));
        String rephrase = r.firstOf("paraphrase_prompts");
        String neighbour = r.firstOf("neighborhood_prompts");
        return new EditRequest(
                template.replace("{}", subject),
                subject,
                target,
                truth,
                rephrase,
                neighbour,
                neighbour == null ? null : truth);
    }

    static String spaced(String s) {
        if (s == null || s.isEmpty() || s.startsWith(" ")) {
            return s;
        }
        return " " + s;
    }
}
