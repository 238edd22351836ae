package dev.editgate.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WeightStore#journal}: keeps the original of each tensor changed, and only those. */
class WeightJournalTest {
    private NDManager manager;
    private NdWeightStore store;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        store = new NdWeightStore(manager);
        store.put("a", manager.create(new float[] {1, 2, 3}));
        store.put("b", manager.create(new float[] {4, 5}));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void restoringTheJournalUndoesEveryChangeAndCopiesOnlyChangedTensors() {
        String pristine = store.contentHash();
        WeightStore.Snapshot journal = store.journal();
        assertThat(journal.names()).isEmpty();

        store.set("a", manager.create(new float[] {7, 8, 9}));
        store.set("a", manager.create(new float[] {10, 11, 12})); // the first original is kept
        assertThat(journal.names()).containsExactly("a");
        assertThat(journal.get("a").toFloatArray()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> journal.get("b")).hasMessageContaining("'b' has not changed");
        assertThat(store.contentHash()).isNotEqualTo(pristine);

        store.restore(journal);
        assertThat(store.contentHash()).isEqualTo(pristine);

        // restoring is not a change; a later change still restores to the first original
        store.set("b", manager.create(new float[] {0, 0}));
        assertThat(journal.names()).containsExactly("a", "b");
        store.restore(journal);
        assertThat(store.contentHash()).isEqualTo(pristine);
        journal.close();
    }

    @Test
    void aClosedJournalStopsRecording() {
        WeightStore.Snapshot journal = store.journal();
        journal.close();
        store.set("a", manager.create(new float[] {0, 0, 0}));
        assertThat(store.get("a").toFloatArray()).containsExactly(0, 0, 0);
        WeightStore.Snapshot later = store.journal();
        assertThat(later.names()).isEmpty();
        later.close();
    }
}
