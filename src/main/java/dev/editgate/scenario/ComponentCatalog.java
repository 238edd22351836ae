package dev.editgate.scenario;

import dev.editgate.text.TextSpan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The editing methods and benchmarks a suite may name, with the keys each accepts. The engine fills
 * it from the {@link java.util.ServiceLoader} providers; this package never loads them itself.
 */
public interface ComponentCatalog {

    /** Editing methods by name. */
    Map<String, Component> methods();

    /** Benchmarks by name. */
    Map<String, Component> benchmarks();

    /**
     * The edit dataset formats ({@code edits.format}) the engine's reader takes; empty when it does
     * not say (any format is then accepted here and judged when the edits are read).
     */
    default Set<String> editFormats() {
        return Set.of();
    }

    /** One method or benchmark: its accepted keys and its own validation. */
    interface Component {

        /** Every hyperparameter or setting key accepted. */
        Set<String> keys();

        /**
         * Checks values without loading anything; throws {@link IllegalArgumentException} naming
         * the key, the value and what is accepted.
         */
        void validate(Map<String, Object> values);

        /**
         * The text the component reads with these (valid) values: what a benchmark measures on, or
         * what a method fits statistics on. A suite is invalid when a method's overlaps a
         * capability's. Empty by default.
         */
        default List<TextSpan> texts(Map<String, Object> values) {
            return List.of();
        }

        /** Whether any key is accepted ({@link #keys()} is then not enforced). */
        default boolean freeForm() {
            return false;
        }

        /** Keys a method accepts beside {@code hparams} in a scenario; none by default. */
        default Set<String> settingKeys() {
            return Set.of();
        }

        /**
         * Problems of the scenario settings, by key (empty when all is well); relative paths
         * resolve against {@code suiteDir}.
         */
        default Map<String, String> checkSettings(Map<String, Object> settings, Path suiteDir) {
            return Map.of();
        }
    }
}
