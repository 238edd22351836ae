package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.scenario.InvalidSuiteException;
import dev.editgate.scenario.Suite;
import dev.editgate.scenario.SuiteParser;
import dev.editgate.scenario.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every suite under {@code suites/} (heavy ones included, which {@code mvn test} does not run) is
 * valid, or invalid only for inputs this machine lacks (a model not pulled, no {@code ../shared}).
 * The study suites are checked for what they promise: tagged heavy, and the model-size suite runs
 * its scenario on three models with each model's preset.
 */
class ShippedSuitesTest {
    private static final SuiteParser PARSER =
            new SuiteParser(
                    ProviderCatalog.load(
                            dev.editgate.edit.EditEnvironment.defaults(),
                            EditStreamLoader.editDatasets()),
                    new Variables(
                            Path.of(System.getProperty(Variables.SHARED_PROPERTY, "../shared")),
                            Variables.defaults().models(),
                            System::getenv));

    private static List<Path> suites(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(folder))) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.toString().endsWith(".hparams.yaml"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyShippedSuiteIsValidOrLacksOnlyInputs() throws IOException {
        List<Path> files = suites("suites");
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("study-size.yaml");
        for (Path f : files) {
            try {
                PARSER.parse(f);
            } catch (InvalidSuiteException e) {
                assertThat(e.onlyAbsentInputs()).as("%s: %s", f, e.getMessage()).isTrue();
            }
        }
    }

    @Test
    void theStudySuitesAreHeavyAndTheSizeSuiteRunsOnThreeModels() throws IOException {
        List<Path> study = suites("suites/study");
        assertThat(study).hasSize(5);
        for (Path f : study) {
            Suite s;
            try {
                s = PARSER.parse(f);
            } catch (InvalidSuiteException e) {
                continue; // inputs absent here: the first test checks that this is all
            }
            assertThat(s.tags()).as("%s", f).contains("heavy", "study");
            if (s.id().equals("study-size")) {
                assertThat(s.scenarios())
                        .extracting(sc -> sc.id())
                        .containsExactly(
                                "rome-msmollm2-135m",
                                "rome-mgemma3-270m",
                                "rome-mqwen2.5-coder-1.5b");
                assertThat(s.scenarios())
                        .extracting(sc -> sc.hparams().get("layers"))
                        .containsExactly(List.of(4), List.of(3), List.of(5));
            }
        }
    }
}
