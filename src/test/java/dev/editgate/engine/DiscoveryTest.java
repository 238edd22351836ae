package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class DiscoveryTest {
    private static final String CAPABILITY_ID =
            "[engine:editgate]/[suite:norms]/[scenario:shrink]/[checkpoint:5]/[capability:emb-norm]";

    @TempDir Path dir;

    @SuppressWarnings("deprecation") // the marker annotation is still understood
    @EditGateSuites("src/test/resources/dev/editgate/engine/suites/passing")
    static class PassingSuites {}

    private List<String> ids(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getDescendants().stream()
                .map(d -> d.getUniqueId().toString())
                .collect(Collectors.toList());
    }

    @Test
    void fileSelectorBuildsSuiteScenarioCheckpointCapabilityTree() {
        EngineDiscoveryResults r =
                Fixtures.kit(dir, "d")
                        .selectors(selectFile(Fixtures.suite("passing/norms.yaml").toFile()))
                        .discover();

        TestDescriptor suite = r.getEngineDescriptor().getChildren().iterator().next();
        assertThat(suite.getUniqueId().toString()).isEqualTo("[engine:editgate]/[suite:norms]");
        assertThat(ids(r)).hasSize(1 + 1 + 3 + 6).contains(CAPABILITY_ID);
        TestDescriptor test = find(r, CAPABILITY_ID);
        assertThat(test.isTest()).isTrue();
        assertThat(test.getDisplayName()).isEqualTo("emb-norm after 5 scale-weight edits");
        assertThat(test.getTags())
                .extracting(TestTag::getName)
                .containsExactlyInAnyOrder("fixture", "scale-weight", "weight-norm");
        FileSource source = (FileSource) test.getSource().orElseThrow();
        assertThat(source.getFile().getName()).isEqualTo("norms.yaml");
        assertThat(source.getPosition().orElseThrow().getLine()).isEqualTo(9);
        assertThat(source.getPosition().orElseThrow().getColumn().orElseThrow()).isEqualTo(5);
        TestDescriptor checkpoint = test.getParent().orElseThrow();
        assertThat(checkpoint.getDisplayName()).isEqualTo("norms/shrink after 5 edits");
        assertThat(
                        ((FileSource) checkpoint.getSource().orElseThrow())
                                .getPosition()
                                .orElseThrow()
                                .getLine())
                .isEqualTo(5);
    }

    @Test
    void directorySelectorFindsEverySuiteFile() {
        EngineDiscoveryResults r =
                Fixtures.kit(dir, "d")
                        .selectors(selectDirectory(Fixtures.SUITES.toFile()))
                        .discover();

        assertThat(r.getEngineDescriptor().getChildren())
                .extracting(d -> d.getUniqueId().getLastSegment().getValue())
                .contains(
                        "norms",
                        "decay",
                        "missing-tensor",
                        "src/test/resources/dev/editgate/engine/suites/malformed/typo.yaml");
        assertThat(r.getEngineDescriptor().getChildren()).hasSize(3 + 4);
    }

    /**
     * IDEs and {@code list} see an invalid suite as a warning with its file, without parsing it.
     */
    @Test
    void anInvalidSuiteIsAlsoAWarningDiscoveryIssueWithItsFileSource() {
        EngineDiscoveryResults r =
                Fixtures.kit(dir, "d")
                        .selectors(selectFile(Fixtures.suite("malformed/typo.yaml").toFile()))
                        .discover();
        assertThat(r.getDiscoveryIssues())
                .singleElement()
                .satisfies(
                        issue -> {
                            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
                            assertThat(issue.message())
                                    .contains("typo.yaml:2:53: unknown key 'dtyp' in model");
                            FileSource source = (FileSource) issue.source().orElseThrow();
                            assertThat(source.getFile().getName()).isEqualTo("typo.yaml");
                            assertThat(source.getPosition().orElseThrow().getLine()).isEqualTo(2);
                        });
        assertThat(r.getEngineDescriptor().getChildren())
                .singleElement()
                .satisfies(
                        d -> assertThat(d.getDisplayName()).isEqualTo("typo.yaml (invalid suite)"));
    }

    @Test
    void classpathResourceSelectorResolvesFilesAndFolders() {
        EngineDiscoveryResults file =
                Fixtures.kit(dir, "d")
                        .selectors(
                                selectClasspathResource(
                                        "dev/editgate/engine/suites/failing/decay.yaml"))
                        .discover();
        assertThat(ids(file)).contains("[engine:editgate]/[suite:decay]");

        EngineDiscoveryResults folder =
                Fixtures.kit(dir, "d")
                        .selectors(selectClasspathResource("dev/editgate/engine/suites/passing"))
                        .discover();
        assertThat(folder.getEngineDescriptor().getChildren())
                .singleElement()
                .satisfies(d -> assertThat(d.getDisplayName()).isEqualTo("norms"));
    }

    @Test
    void markerClassSelectsItsFolders() {
        EngineDiscoveryResults r =
                Fixtures.kit(dir, "d")
                        .selectors(
                                selectClass(PassingSuites.class), selectClass(DiscoveryTest.class))
                        .discover();
        assertThat(ids(r)).hasSize(11).contains(CAPABILITY_ID);
    }

    @Test
    void uniqueIdSelectorResolvesJustItsBranch() {
        EngineDiscoveryResults r =
                Fixtures.kit(dir, "d")
                        .selectors(selectUniqueId(UniqueId.parse(CAPABILITY_ID)))
                        .discover();
        assertThat(ids(r))
                .containsExactly(
                        "[engine:editgate]/[suite:norms]",
                        "[engine:editgate]/[suite:norms]/[scenario:shrink]",
                        "[engine:editgate]/[suite:norms]/[scenario:shrink]/[checkpoint:5]",
                        CAPABILITY_ID);

        EngineDiscoveryResults suite =
                Fixtures.kit(dir, "d")
                        .selectors(selectUniqueId("[engine:editgate]/[suite:decay]"))
                        .discover();
        assertThat(ids(suite)).hasSize(1 + 1 + 3 + 3);

        EngineDiscoveryResults unknown =
                Fixtures.kit(dir, "d")
                        .selectors(
                                selectUniqueId("[engine:editgate]/[suite:norms]/[scenario:nope]"))
                        .discover();
        assertThat(ids(unknown)).isEmpty();
    }

    /**
     * Cucumber's round trip: every id discovery produced, selected by itself, resolves to a
     * descriptor with the same id, display name, type and source (an IDE reruns tests that way).
     */
    @Test
    void everyDiscoveredUniqueIdResolvesAgain() {
        List<TestDescriptor> all =
                List.copyOf(
                        Fixtures.kit(dir, "d")
                                .selectors(selectDirectory(Fixtures.SUITES.toFile()))
                                .discover()
                                .getEngineDescriptor()
                                .getDescendants());
        assertThat(all).hasSizeGreaterThan(20);
        for (TestDescriptor d : all) {
            TestDescriptor again =
                    Fixtures.kit(dir, "d")
                            .selectors(selectUniqueId(d.getUniqueId()))
                            .discover()
                            .getEngineDescriptor()
                            .findByUniqueId(d.getUniqueId())
                            .orElseThrow(() -> new AssertionError("not resolved: " + d));
            assertThat(again.getDisplayName())
                    .as("%s", d.getUniqueId())
                    .isEqualTo(d.getDisplayName());
            assertThat(again.getType()).as("%s", d.getUniqueId()).isEqualTo(d.getType());
            assertThat(again.getSource()).as("%s", d.getUniqueId()).isEqualTo(d.getSource());
        }
    }

    /** {@code mvn test} runs {@code suites/} without the demo and heavy tags: something is left. */
    @Test
    void theSuitesFolderHoldsUntaggedSuitesMavenRuns() {
        EngineDiscoveryResults r =
                EngineTestKit.engine("junit-platform-suite")
                        .configurationParameter(Constants.REPORTS_DIR, dir.toString())
                        .selectors(selectClass(EditSuitesTest.class))
                        .filters(TagFilter.excludeTags("heavy", "demo"))
                        .discover();
        assertThat(r.getEngineDescriptor().getDescendants())
                .filteredOn(TestDescriptor::isTest)
                .isNotEmpty()
                .extracting(d -> d.getUniqueId().getLastSegment().getType())
                .containsOnly("capability");
        assertThat(r.getEngineDescriptor().getDescendants())
                .extracting(d -> d.getUniqueId().getLastSegment().getValue())
                .contains("smoke-grace-tiny", "smoke-ft-tiny");
    }

    @Test
    void anotherEnginesUniqueIdSelectsNothing() {
        EngineDiscoveryResults r =
                Fixtures.kit(dir, "d")
                        .selectors(
                                selectUniqueId("[engine:junit-jupiter]/[class:dev.editgate.X]"),
                                selectUniqueId("[engine:editgate-other]/[suite:norms]"))
                        .discover();
        assertThat(r.getEngineDescriptor().getChildren()).isEmpty();
        assertThat(r.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void uniqueIdsNameTheirSuiteOrFile() {
        UniqueId engine = UniqueId.forEngine("editgate");
        assertThat(EditGateIds.suiteOf(engine, UniqueId.parse(CAPABILITY_ID))).hasValue("norms");
        assertThat(EditGateIds.fileOf(engine, EditGateIds.invalidFile(engine, "a/b.yaml")))
                .hasValue("a/b.yaml");
        assertThat(EditGateIds.suiteOf(engine, UniqueId.parse("[engine:junit-jupiter]/[class:x]")))
                .isEmpty();
        assertThat(EditGateIds.suiteOf(engine, UniqueId.parse("[engine:editgate]/[scenario:x]")))
                .isEmpty();
    }

    private static TestDescriptor find(EngineDiscoveryResults r, String id) {
        return r.getEngineDescriptor().findByUniqueId(UniqueId.parse(id)).orElseThrow();
    }
}
