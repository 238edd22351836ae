package dev.editgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What OpenCompass' own code gave on the table of model outputs and the rendered prompts ({@code
 * tools/opencompass/parity.py}), at the study's commit ({@code study}) and at its head ({@code
 * head}).
 */
public final class OpenCompassExpected {
    private OpenCompassExpected() {}

    /** {@code opencompass-<tag>.json}, tag {@code study} or {@code head}. */
    public static JsonNode load(String tag) {
        String name = "/dev/editgate/bench/opencompass/opencompass-" + tag + ".json";
        try (InputStream in = OpenCompassExpected.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of one verdict table. */
    public static List<JsonNode> rows(String tag, String table) {
        List<JsonNode> out = new ArrayList<>();
        load(tag).path("verdicts").path(table).forEach(out::add);
        if (out.size() < 30 && !table.equals("mbpp_run")) {
            throw new IllegalStateException(table + ": only " + out.size() + " rows");
        }
        return out;
    }

    /** A rendered prompt, by benchmark key ({@code axb}, {@code bbh-date_understanding}, ...). */
    public static JsonNode prompt(String key) {
        return load("study").path("prompts").path(key);
    }
}
