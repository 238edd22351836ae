package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.report.RunDirectory;
import dev.editgate.report.RunMerge;
import dev.editgate.report.ShardManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;

/** {@code --shard I/N} and {@code merge}: two shards merged equal one unsharded run. */
class ShardTest {
    private static final Path SUITES = Path.of("src/test/resources/dev/editgate/engine/shard");

    @TempDir Path dir;

    @Test
    void parsesIOverNAndNamesWhatIsAccepted() {
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4));
        for (String bad : List.of("0/2", "3/2", "2", "a/b", "1/0", "")) {
            assertThatThrownBy(() -> Shard.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("I/N");
        }
    }

    @Test
    void assignsLongestFirstToTheLeastLoadedShard() {
        // five scenarios of cost 8 (alpha), then one of cost 12 (beta)
        List<Long> costs = List.of(8L, 8L, 8L, 8L, 8L, 12L);
        assertThat(Shard.assign(costs, 2)).containsExactly(2, 2, 1, 2, 1, 1);
        assertThat(Shard.assign(costs, 1)).containsOnly(1);
        assertThat(Shard.assign(costs, 8)).containsExactly(2, 3, 4, 5, 6, 1);
    }

    private void run(String runId, String shard, DiscoverySelector selector) {
        var kit =
                Fixtures.kit(dir, runId)
                        .configurationParameter(
                                Constants.BASELINES_DIR,
                                dir.resolve("baselines-" + runId).toString())
                        .selectors(selector);
        if (shard != null) {
            kit.configurationParameter(Constants.SHARD, shard);
        }
        kit.execute();
    }

    private RunDirectory runDir(String runId) {
        return RunDirectory.of(dir.resolve("reports"), runId);
    }

    /** A record without what differs between two runs of the same measurement. */
    private static String comparable(ResultRecord r) {
        return r.suite()
                + "/"
                + r.scenario()
                + " "
                + r.method()
                + " "
                + r.hparamsHash()
                + " "
                + r.modelHash()
                + " "
                + r.editsApplied()
                + " "
                + r.capability()
                + " "
                + r.value()
                + " "
                + r.baseline()
                + " "
                + r.verdict()
                + " "
                + r.message()
                + " "
                + r.statistics()
                + " "
                + r.threshold()
                + " "
                + r.micro();
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }

    @Test
    void twoShardsMergedEqualOneUnshardedRunRecordForRecord() throws IOException {
        run("whole", null, selectDirectory(SUITES.toFile()));
        run("s1", "1/2", selectDirectory(SUITES.toFile()));
        run("s2", "2/2", selectDirectory(SUITES.toFile()));

        ShardManifest m1 = ShardManifest.read(runDir("s1"));
        ShardManifest m2 = ShardManifest.read(runDir("s2"));
        assertThat(m1.selection()).hasSize(6).isEqualTo(m2.selection());
        assertThat(m1.scenarios()).containsExactly("alpha/shrink", "alpha/zero5", "beta/shrink");
        assertThat(m2.scenarios()).containsExactly("alpha/zero20", "alpha/zero10", "alpha/grow");
        List<ResultRecord> s1 = ResultStore.read(runDir("s1").results());
        List<ResultRecord> s2 = ResultStore.read(runDir("s2").results());
        assertThat(s1).allMatch(r -> m1.scenarios().contains(r.suite() + "/" + r.scenario()));
        assertThat(s2).allMatch(r -> m2.scenarios().contains(r.suite() + "/" + r.scenario()));

        RunDirectory merged = RunDirectory.of(dir.resolve("reports"), "merged");
        RunMerge.Outcome o = RunMerge.merge(List.of(runDir("s2"), runDir("s1")), merged);
        assertThat(o.warnings()).isEmpty();

        List<ResultRecord> whole = ResultStore.read(runDir("whole").results());
        assertThat(whole).hasSize(6 * 2 * 2);
        assertThat(ResultStore.read(merged.results()).stream().map(ShardTest::comparable))
                .containsExactlyElementsOf(whole.stream().map(ShardTest::comparable).toList());
        assertThat(Files.readString(merged.summary()))
                .isEqualTo(Files.readString(runDir("whole").summary()));
        Map<String, String> items = files(merged.items());
        assertThat(items).isEqualTo(files(runDir("whole").items()));
        assertThat(items.keySet()).contains("alpha/_baseline_/0-nonzero.jsonl");
        assertThat(Files.readAllLines(merged.edits()))
                .hasSameSizeAs(Files.readAllLines(runDir("whole").edits()));
        assertThat(Files.readAllLines(merged.drift()))
                .hasSameSizeAs(Files.readAllLines(runDir("whole").drift()));
    }

    @Test
    void refusesShardsThatDoNotMakeOneRun() throws IOException {
        run("a1", "1/2", selectDirectory(SUITES.toFile()));
        run("a2", "2/2", selectDirectory(SUITES.toFile()));
        run("b2", "2/2", selectFile(SUITES.resolve("alpha.yaml").toFile()));
        run("plain", null, selectFile(SUITES.resolve("beta.yaml").toFile()));
        List<String> errors = new ArrayList<>();
        for (List<String> shards :
                List.of(
                        List.of("a1"),
                        List.of("a1", "a1"),
                        List.of("a1", "b2"),
                        List.of("a1", "plain"))) {
            RunDirectory out = RunDirectory.of(dir.resolve("reports"), "m-" + errors.size());
            try {
                RunMerge.merge(shards.stream().map(this::runDir).toList(), out);
                errors.add("merged " + shards);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
                assertThat(out.results()).doesNotExist();
            }
        }
        assertThat(errors.get(0)).contains("shard(s) [2] of 2 missing");
        assertThat(errors.get(1)).contains("are both shard 1/2");
        assertThat(errors.get(2)).contains("b2").contains("selection differs");
        assertThat(errors.get(3)).contains("plain").contains("not a sharded run (no shard.json)");

        RunMerge.merge(List.of(runDir("a1"), runDir("a2")), runDir("m-ok"));
        assertThatThrownBy(
                        () -> RunMerge.merge(List.of(runDir("a1"), runDir("a2")), runDir("m-ok")))
                .hasMessageContaining("already holds a run");
    }
}
