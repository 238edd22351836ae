package dev.editgate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ./editgate merge}: one run from the run folders of its shards ({@code --shard I/N}).
 *
 * <p>Checked first, before anything is written: every folder has a {@code shard.json}; all name the
 * same shard count and the same selection (every scenario's path, hyperparameter hash and suite
 * file hash: the same suites, filters and presets); together they are shards 1..N, each once; their
 * scenarios cover the selection without overlap; every result belongs to its shard's scenarios and
 * no measurement is recorded twice. Then the merged folder gets: {@code results.jsonl} (the
 * selection's order, each record as its shard measured it, its {@code run_id} the shard's), {@code
 * items/} and {@code workers/} (the same baseline items measured by several shards are kept once:
 * when they differ, the first shard's are kept and a warning says so; any other file found twice is
 * an error), {@code edits.jsonl} and {@code drift.jsonl} (shard order), {@code allure-results/}
 * (Allure merges result folders itself; file names are unique per result), {@code
 * junit/TEST-editgate.xml} when the shards have it ({@link JunitMerge}: the unsharded run's order),
 * {@code summary.txt} from the merged records, and {@code merged.json} naming the shards.
 */
public final class RunMerge {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunMerge() {}

    /** What a merge did. */
    public record Outcome(List<ResultRecord> records, List<String> warnings) {}

    /**
     * Merges {@code shards} into {@code out}, which must not hold a run yet.
     *
     * @throws IllegalArgumentException naming the folder and the problem when the shards do not
     *     make one run (nothing is written then), or when two shards wrote the same file with
     *     different bytes (found while copying: the merged folder is then incomplete)
     */
    public static Outcome merge(List<RunDirectory> shards, RunDirectory out) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("merge: no shard run folders given");
        }
        if (Files.exists(out.results()) || Files.exists(out.mergeManifest())) {
            throw new IllegalArgumentException(
                    out.path() + ": already holds a run; merge into a new folder");
        }
        List<ShardManifest> manifests = shards.stream().map(ShardManifest::read).toList();
        check(shards, manifests);
        JunitMerge junit = JunitMerge.read(shards);

        Map<String, Integer> order = new HashMap<>();
        ShardManifest first = manifests.get(0);
        for (ShardManifest.Entry e : first.selection()) {
            order.put(e.path(), order.size());
        }
        Map<Integer, List<ResultRecord>> byScenario = new TreeMap<>();
        Set<MeasurementKey> seen = new HashSet<>();
        for (int s = 0; s < shards.size(); s++) {
            Set<String> mine = Set.copyOf(manifests.get(s).scenarios());
            for (ResultRecord r : ResultStore.read(shards.get(s).results())) {
                String path = r.suite() + "/" + r.scenario();
                if (!mine.contains(path)) {
                    throw new IllegalArgumentException(
                            shards.get(s).results()
                                    + ": a result of "
                                    + path
                                    + ", which is not a scenario of shard "
                                    + manifests.get(s).shard());
                }
                if (!seen.add(r.key())) {
                    throw new IllegalArgumentException(
                            shards.get(s).results()
                                    + ": "
                                    + path
                                    + " after "
                                    + r.editsApplied()
                                    + " edits, "
                                    + r.capability()
                                    + ": recorded twice");
                }
                byScenario.computeIfAbsent(order.get(path), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (ShardManifest.Entry e : first.selection()) {
            if (!byScenario.containsKey(order.get(e.path()))) {
                warnings.add(
                        e.path()
                                + ": no results (left out by --filter or --tags, or its shard did not finish)");
            }
        }
        List<ResultRecord> records = byScenario.values().stream().flatMap(List::stream).toList();

        try {
            Files.createDirectories(out.path());
            try (ResultStore store = ResultStore.open(out.results())) {
                records.forEach(store::append);
            }
            for (RunDirectory shard : shards) {
                ShardFiles.copyTree(shard.items(), out.items(), true, warnings);
                ShardFiles.copyTree(
                        shard.path().resolve("workers"),
                        out.path().resolve("workers"),
                        false,
                        warnings);
                ShardFiles.copyTree(shard.allureResults(), out.allureResults(), false, warnings);
                ShardFiles.appendLines(shard.edits(), out.edits());
                ShardFiles.appendLines(shard.drift(), out.drift());
            }
            if (junit.any()) {
                junit.write(
                        out.junit(),
                        first.selection().stream().map(ShardManifest.Entry::path).toList(),
                        first.suites());
                junit.missing()
                        .forEach(
                                f ->
                                        warnings.add(
                                                f
                                                        + ": absent, so the merged JUnit XML lacks"
                                                        + " that shard's tests"));
            }
            if (!records.isEmpty()) {
                Files.writeString(
                        out.summary(),
                        SummaryTable.render(records) + System.lineSeparator(),
                        StandardCharsets.UTF_8);
            }
            Map<String, Object> merged = new LinkedHashMap<>();
            merged.put("shards", shards.stream().map(d -> d.path().toString()).toList());
            merged.put("count", first.count());
            merged.put("scenarios", first.selection().size());
            merged.put("results", records.size());
            merged.put("warnings", warnings);
            JSON.writeValue(out.mergeManifest().toFile(), merged);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the merged run " + out.path(), e);
        }
        return new Outcome(records, warnings);
    }

    private static void check(List<RunDirectory> shards, List<ShardManifest> manifests) {
        ShardManifest first = manifests.get(0);
        RunDirectory[] byIndex = new RunDirectory[first.count() + 1];
        Map<String, RunDirectory> owner = new HashMap<>();
        for (int s = 0; s < shards.size(); s++) {
            ShardManifest m = manifests.get(s);
            RunDirectory dir = shards.get(s);
            if (m.count() != first.count()) {
                throw new IllegalArgumentException(
                        dir.path()
                                + ": shard "
                                + m.shard()
                                + ", but "
                                + shards.get(0).path()
                                + " is shard "
                                + first.shard()
                                + ": the shard counts differ");
            }
            if (!m.selection().equals(first.selection())) {
                throw new IllegalArgumentException(
                        dir.path()
                                + ": its selection differs from "
                                + shards.get(0).path()
                                + "'s ("
                                + difference(first.selection(), m.selection())
                                + "): every shard must run the same suites, filters and"
                                + " hyperparameters");
            }
            if (byIndex[m.index()] != null) {
                throw new IllegalArgumentException(
                        dir.path()
                                + " and "
                                + byIndex[m.index()].path()
                                + " are both shard "
                                + m.shard());
            }
            byIndex[m.index()] = dir;
            for (String path : m.scenarios()) {
                RunDirectory other = owner.putIfAbsent(path, dir);
                if (other != null) {
                    throw new IllegalArgumentException(
                            path + ": run by both " + other.path() + " and " + dir.path());
                }
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= first.count(); i++) {
            if (byIndex[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "merge: shard(s) "
                            + missing
                            + " of "
                            + first.count()
                            + " missing; given "
                            + shards.stream().map(d -> d.path().toString()).toList());
        }
        for (ShardManifest.Entry e : first.selection()) {
            if (!owner.containsKey(e.path())) {
                throw new IllegalArgumentException(
                        e.path() + ": selected but run by no shard (shard manifests inconsistent)");
            }
        }
    }

    private static String difference(List<ShardManifest.Entry> a, List<ShardManifest.Entry> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "first difference: " + a.get(i) + " against " + b.get(i);
            }
        }
        return a.size() + " scenarios against " + b.size();
    }
}
