package dev.editgate.engine;

import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/**
 * Builds and parses the engine's unique ids, all in one place: {@code
 * [engine:editgate]/[suite:s]/[scenario:r]/[checkpoint:10]/[capability:mmlu]}, or {@code
 * [engine:editgate]/[file:suites/bad.yaml]} for a suite file that could not be read. Ids come from
 * YAML ids, never positions, so they survive edits to the file (Allure keys its history on them).
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

    static UniqueId scenario(UniqueId suite, String scenarioId) {
        return suite.append(SCENARIO, scenarioId);
    }

    static UniqueId checkpoint(UniqueId scenario, int edits) {
        return scenario.append(CHECKPOINT, Integer.toString(edits));
    }

    static UniqueId capability(UniqueId checkpoint, String capabilityId) {
        return checkpoint.append(CAPABILITY, capabilityId);
    }

    /**
     * The parts of one of our ids; null parts are absent (a suite id has only {@code suite}).
     *
     * @param file set only for the id of an unreadable suite file
     */
    record Parsed(
            String suite, String scenario, Integer checkpoint, String capability, String file) {

        /** The parent's id, one level up; empty for a suite. */
        Optional<UniqueId> parent(UniqueId engine) {
            if (capability != null) {
                return Optional.of(
                        EditGateIds.checkpoint(
                                EditGateIds.scenario(EditGateIds.suite(engine, suite), scenario),
                                checkpoint));
            }
            if (checkpoint != null) {
                return Optional.of(
                        EditGateIds.scenario(EditGateIds.suite(engine, suite), scenario));
            }
            if (scenario != null) {
                return Optional.of(EditGateIds.suite(engine, suite));
            }
            return Optional.empty();
        }
    }

    /** Parses an id of this engine; empty when it is not one (another engine, unknown segment). */
    static Optional<Parsed> parse(UniqueId id) {
        List<UniqueId.Segment> s = id.getSegments();
        if (s.size() < 2 || !s.get(0).getValue().equals(ENGINE_ID)) {
            return Optional.empty();
        }
        if (s.size() == 2 && s.get(1).getType().equals(FILE)) {
            return Optional.of(new Parsed(null, null, null, null, s.get(1).getValue()));
        }
        String[] types = {SUITE, SCENARIO, CHECKPOINT, CAPABILITY};
        if (s.size() - 1 > types.length) {
            return Optional.empty();
        }
        String[] values = new String[types.length];
        for (int i = 1; i < s.size(); i++) {
            if (!s.get(i).getType().equals(types[i - 1])) {
                return Optional.empty();
            }
            values[i - 1] = s.get(i).getValue();
        }
        Integer checkpoint = null;
        if (values[2] != null) {
            try {
                checkpoint = Integer.valueOf(values[2]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new Parsed(values[0], values[1], checkpoint, values[3], null));
    }
}
