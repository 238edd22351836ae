package dev.editgate.scenario;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The facts a suite edits in, one after another.
 *
 * @param dataset the dataset file (absolute, variables expanded)
 * @param format dataset format ({@code zsre}, {@code counterfact})
 * @param take how many records of the dataset, in file order (after shuffling when seeded)
 * @param batchSize how many facts one call to the editing method writes
 * @param seed when not null, the records are shuffled with this seed before taking
 * @param individual what an {@code individual}-scope edit metric measures ({@link Individual})
 */
public record EditStreamSpec(
        Path dataset, String format, int take, int batchSize, Long seed, Individual individual) {

    /** A stream measured the default way ({@link Individual#AT_CHECKPOINTS}). */
    public EditStreamSpec(Path dataset, String format, int take, int batchSize, Long seed) {
        this(dataset, format, take, batchSize, seed, Individual.AT_CHECKPOINTS);
    }

    public EditStreamSpec {
        if (individual == null) {
            individual = Individual.AT_CHECKPOINTS;
        }
    }

    /**
     * The suite setting {@code edits.individual}: when an {@code individual}-scope edit metric is
     * measured. The protocols of EasyEdit, WISE/AlphaEdit and the study map onto these and the
     * {@code sequential} scope as the README's "Which sequential protocol" table says.
     */
    public enum Individual {
        /**
         * At each checkpoint, on the edits of the batch just applied (with {@code batch_size: 1},
         * the checkpoint's last edit), with every earlier edit still in the model.
         */
        AT_CHECKPOINTS("at-checkpoints"),
        /**
         * Right after each batch is applied, on that batch, for every batch of the stream; a
         * checkpoint's value is the mean over every edit so far of its right-after score (EasyEdit
         * {@code sequential_edit=True} since 3c21b20, 2026-06-11). Each batch's scores are recorded
         * in its {@code edits.jsonl} line.
         */
        AFTER_EACH_EDIT("after-each-edit");

        private final String key;

        Individual(String key) {
            this.key = key;
        }

        /** As written in a suite. */
        public String key() {
            return key;
        }

        /** The accepted spellings, in declaration order. */
        public static List<String> keys() {
            return Arrays.stream(values()).map(Individual::key).toList();
        }

        /** The protocol spelled {@code key}, or null. */
        public static Individual of(String key) {
            for (Individual i : values()) {
                if (i.key.equals(key)) {
                    return i;
                }
            }
            return null;
        }
    }
}
