package dev.editgate.edit.mend;

import dev.editgate.edit.EditRequest;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tiny random fixture models and synthetic edit records for the MEND tests. */
final class MendFixtures {
    private MendFixtures() {}

    static Path fixture(String name) {
        try {
            return Path.of(
                    MendFixtures.class.getResource("/dev/editgate/model/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LanguageModel load(String name) {
        return Models.load(fixture(name), "float32", "cpu");
    }

    private static final String[] NAMES = {
        "Alma", "Borek", "Cilla", "Dorin", "Ester", "Fabio", "Greta", "Hugo", "Ines", "Jonas",
        "Kira", "Lotte", "Mirek", "Nadia", "Oskar", "Petra", "Quinn", "Rasmus", "Selma", "Tomas",
        "Ulla", "Viktor", "Wanda", "Xaver", "Yvonne", "Zeno", "Arvid", "Britt", "Cyril", "Dalia",
        "Emil", "Frida", "Gustav", "Hanna", "Ivo", "Jana", "Karel", "Linn", "Milo", "Nora"
    };
    private static final String[] COLOURS = {" red", " blue", " green", " black", " white"};

    /**
     * {@code n} records "The favourite colour of NAME is" → colour, rephrased "NAME likes the
     * colour", with an unrelated locality question; records {@code from..from+n-1} of one list, so
     * two ranges never share a record.
     */
    static List<EditRequest> records(int from, int n) {
        List<EditRequest> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String name = NAMES[i % NAMES.length] + (i >= NAMES.length ? " " + i : "");
            String colour = COLOURS[(i * 7 + 3) % COLOURS.length];
            out.add(
                    new EditRequest(
                            "The favourite colour of " + name + " is",
                            name,
                            colour,
                            null,
                            name + " likes the colour",
                            "The number after " + (i % 9 + 1) + " is",
                            " " + (i % 9 + 2)));
        }
        return out;
    }
}
