package dev.editgate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Where engine fixtures are, and an engine test kit writing into a temporary folder. The fixture
 * suites run on the tiny LLaMA checkpoint and the small ZsRE file under {@code
 * src/test/resources/dev/editgate/model/fixtures}, so engine tests need nothing outside the
 * repository.
 */
final class Fixtures {
    static final Path SUITES = Path.of("src/test/resources/dev/editgate/engine/suites");

    private Fixtures() {}

    /** The tiny checkpoints and data files the fixture suites read. */
    static final Path MODEL_FIXTURES = Path.of("src/test/resources/dev/editgate/model/fixtures");

    static Path suite(String relative) {
        return SUITES.resolve(relative);
    }

    /**
     * The text of a fixture suite with its model and data paths made absolute, for a copy written
     * to another folder.
     */
    static String movedSuite(String relative) throws IOException {
        return Files.readString(suite(relative))
                .replace("../../../model/fixtures/", MODEL_FIXTURES.toAbsolutePath() + "/");
    }

    /**
     * A kit for the engine with its default services (the product's model loader and dataset
     * readers); reports, baselines and run id under {@code dir}.
     */
    static EngineTestKit.Builder kit(Path dir, String runId) {
        return EngineTestKit.engine(new EditGateEngine())
                .configurationParameter(Constants.REPORTS_DIR, dir.resolve("reports").toString())
                .configurationParameter(
                        Constants.BASELINES_DIR, dir.resolve("baselines").toString())
                .configurationParameter(Constants.SUITES_ROOT, SUITES.toString())
                .configurationParameter(Constants.RUN_ID, runId);
    }
}
