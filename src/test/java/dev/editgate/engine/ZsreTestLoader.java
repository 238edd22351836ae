package dev.editgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ZsRE records for engine tests (the product reads them with the edit package's readers): src
 * → prompt, subject, alt → target, answers[0], rephrase, loc, loc_ans.
 */
public final class ZsreTestLoader implements EditStreamLoader {

    @Override
    public List<EditRequest> load(Path dataset, String format) {
        try {
            List<EditRequest> out = new ArrayList<>();
            for (JsonNode r : new ObjectMapper().readTree(dataset.toFile())) {
                out.add(
                        new EditRequest(
                                r.get("src").asText(),
                                r.get("subject").asText(),
                                " " + r.get("alt").asText(),
                                r.path("answers").path(0).asText(null),
                                r.path("rephrase").asText(null),
                                r.path("loc").asText(null),
                                r.path("loc_ans").asText(null)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(dataset.toString(), e);
        }
    }

    /** The default services, with this loader for edits. */
    static EngineServices services() {
        return EngineServices.defaults().withEditLoader(new ZsreTestLoader());
    }
}
