package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

/**
 * How the tests read in Surefire's XML, and so in GitHub's and IDEs' test views (issue #17).
 * Surefire 3.5's {@code RunListenerAdapter} names a test that has neither a class nor a method
 * source (ours have a {@code FileSource}) {@code classname} = its parent's display name, {@code
 * name} = its own: here {@code classname="norms/shrink after 5 edits"}, {@code name="emb-norm after
 * 5 scale-weight edits"}, as a failure message begins. The pair must be unique across every suite
 * of a run, or Surefire merges two tests into one.
 */
class SurefireNamesTest {
    @TempDir Path dir;

    /** {classname, name} as Surefire 3.5 writes them for one of our tests. */
    private static String[] surefire(TestDescriptor test) {
        assertThat(test.getSource())
                .get()
                .isNotInstanceOf(ClassSource.class)
                .isNotInstanceOf(MethodSource.class);
        return new String[] {
            test.getParent().orElseThrow().getDisplayName(), test.getDisplayName()
        };
    }

    private List<String[]> names(Path... folders) {
        var kit = Fixtures.kit(dir, "names");
        for (Path f : folders) {
            kit.selectors(selectDirectory(f.toFile()));
        }
        EngineDiscoveryResults r = kit.discover();
        List<String[]> out = new ArrayList<>();
        for (TestDescriptor d : r.getEngineDescriptor().getDescendants()) {
            if (d.isTest()) {
                out.add(surefire(d));
            }
        }
        return out;
    }

    @Test
    void classIsSuiteScenarioAndCheckpointNameIsCapabilityAfterNMethodEdits() {
        List<String[]> names = names(Fixtures.suite("passing"), Fixtures.suite("failing"));
        assertThat(names)
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .containsExactly(
                                                "norms/shrink after 5 edits",
                                                "emb-norm after 5 scale-weight edits"))
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .containsExactly(
                                                "decay/decay after 1 edit",
                                                "emb-norm after 1 scale-weight edit"));
    }

    @Test
    void everyTestOfTheRepositorysSuitesHasItsOwnClassAndNamePair() {
        List<String[]> names =
                names(
                        Fixtures.suite("passing"),
                        Fixtures.suite("failing"),
                        Path.of("suites/smoke"),
                        Path.of("suites/sweeps"));
        Set<String> pairs = new HashSet<>();
        for (String[] n : names) {
            assertThat(pairs.add(n[0] + " :: " + n[1])).as(n[0] + " :: " + n[1]).isTrue();
        }
        assertThat(pairs)
                .contains("smoke-grace-tiny/grace-l1 after 3 edits :: lm after 3 grace edits")
                .contains("sweeps-tiny/ft-l[0,1] after 3 edits :: lm after 3 ft edits")
                .contains("sweeps-tiny/grace-e0.5 after 6 edits :: lm after 6 grace edits");
    }
}
