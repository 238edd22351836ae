package dev.editgate.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Where engine fixtures are, and an engine test kit writing into a temporary folder. */
final class Fixtures {
    static final Path SUITES = Path.of("src/test/resources/dev/editgate/engine/suites");

    private Fixtures() {}

    static Path shared() {
        return Path.of(System.getProperty("editgate.shared", "../shared"));
    }

    /** Skips the calling test, with the reason, when the shared model and data are absent. */
    static void assumeShared() {
        Path model = shared().resolve("models/stories260k");
        assumeTrue(
                Files.isDirectory(model)
                        && Files.isRegularFile(
                                shared().resolve("data/zsre/zsre_mend_train-1k.json")),
                "needs " + model.toAbsolutePath() + " and the ZsRE data (set -Deditgate.shared)");
    }

    static Path suite(String relative) {
        return SUITES.resolve(relative);
    }

    /** A kit for the engine with test services; reports, baselines and run id under {@code dir}. */
    static EngineTestKit.Builder kit(Path dir, String runId) {
        return EngineTestKit.engine(new EditGateEngine(ZsreTestLoader.services()))
                .configurationParameter(EngineConfig.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(
                        EngineConfig.BASELINES_DIR, dir.resolve("baselines").toString())
                .configurationParameter(EngineConfig.SUITES_ROOT, SUITES.toString())
                .configurationParameter(EngineConfig.RUN_ID, runId);
    }
}
