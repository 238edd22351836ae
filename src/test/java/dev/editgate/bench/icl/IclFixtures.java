package dev.editgate.bench.icl;

import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The tiny model fixtures and the hand-written SST-2 file beside these tests. */
final class IclFixtures {
    private IclFixtures() {}

    static Path resource(String path) {
        try {
            return Path.of(IclFixtures.class.getResource(path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LanguageModel model(String fixture) {
        return Models.load(resource("/dev/editgate/model/fixtures/" + fixture), "float32", "cpu");
    }

    static Path sst2Small() {
        return resource("/dev/editgate/bench/icl/sst2-small.tsv");
    }

    /** The sst2 setup over the small file with {@code extra} settings. */
    static IclSetup setup(Map<String, Object> extra) {
        Map<String, Object> s = new java.util.HashMap<>(extra);
        s.put("dataset", sst2Small().toString());
        return IclSetup.create(new BenchSettings("sst2", s), null);
    }
}
