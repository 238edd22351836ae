package dev.editgate.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The values {@code tools/stats/make_fixtures.py} computed with scipy and exact arithmetic. */
final class Reference {
    static final JsonNode JSON = read();

    private Reference() {}

    private static JsonNode read() {
        try (InputStream in = Reference.class.getResourceAsStream("reference.json")) {
            if (in == null) {
                throw new IllegalStateException(
                        "reference.json is missing from the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
