package dev.editgate.engine;

import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/**
 * The engine's unique ids: {@code
 * [engine:editgate]/[suite:s]/[scenario:r]/[checkpoint:10]/[capability:mmlu]}, or {@code
 * [engine:editgate]/[file:suites/bad.yaml]} for a suite file that could not be read. Ids come from
 * YAML ids, never positions, so they survive edits to the file (Allure keys its history on them).
 * Each descriptor appends its own segment to its parent's id; reading an id back needs only its
 * first level, the suite (or file) to resolve.
 */
final class EditGateIds {
    static final String ENGINE_ID = "editgate";
    static final String SUITE = "suite";
    static final String SCENARIO = "scenario";
    static final String CHECKPOINT = "checkpoint";
    static final String CAPABILITY = "capability";
    static final String FILE = "file";

    private EditGateIds() {}

    static UniqueId suite(UniqueId engine, String suiteId) {
        return engine.append(SUITE, suiteId);
    }

    static UniqueId invalidFile(UniqueId engine, String path) {
        return engine.append(FILE, path);
    }

    /** The suite id an id of ours starts with; empty for another engine's or another shape. */
    static Optional<String> suiteOf(UniqueId engine, UniqueId id) {
        return level(engine, id, SUITE);
    }

    /** The file of an unreadable suite's id; empty for any other id. */
    static Optional<String> fileOf(UniqueId engine, UniqueId id) {
        return id.getSegments().size() == 2 ? level(engine, id, FILE) : Optional.empty();
    }

    private static Optional<String> level(UniqueId engine, UniqueId id, String type) {
        List<UniqueId.Segment> s = id.getSegments();
        if (s.size() < 2 || !id.hasPrefix(engine) || !s.get(1).getType().equals(type)) {
            return Optional.empty();
        }
        return Optional.of(s.get(1).getValue());
    }
}
